namespace Syn2Mas.Bench.Data;

/// <summary>
/// Clients, user agents, device names and addresses for device rows. Addresses come from the ranges
/// reserved for documentation (RFC 5737, RFC 3849) and private networks, so none belongs to anybody.
/// </summary>
internal static class ClientCatalog
{
    /// <summary>Element Web in Firefox: what guests (who only exist on the web) and the sample orphan device send.</summary>
    public const string FirefoxUserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:138.0) Gecko/20100101 Firefox/138.0";

    public static readonly ClientApp[] Apps =
    [
        new(22,
            [
                "Element X/25.05.2 (Google Pixel 8; Android 14; AP2A.240905.003; Sdk 25.5.1)",
                "Element X/25.04.0 (samsung SM-S918B; Android 14; UP1A.231005.007; Sdk 25.4.0)",
                "Element X/24.12.1 (Fairphone FP5; Android 13; FP5.TT41.A.093; Sdk 0.2.70)",
            ],
            ["Element X Android", "Pixel 8", "Galaxy S23", "Téléphone de Zoë", "Handy 📱", "Fairphone 5"],
            UsesRefreshTokens: true),
        new(16,
            [
                "Element X iOS/25.05.1 (iPhone15,2; iOS 18.4; Scale/3.00)",
                "Element X iOS/25.03.3 (iPad13,4; iPadOS 17.6; Scale/2.00)",
            ],
            ["Element X iOS", "iPhone de José", "iPhone", "日本のiPad", "iPad 🍎"],
            UsesRefreshTokens: true),
        new(24,
            [
                FirefoxUserAgent,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15",
            ],
            ["app.element.io: Firefox on Linux", "app.element.io: Chrome on Windows", "Element Web", "Büro-PC", "Jürgens Laptop", "Ordinateur portable"],
            UsesRefreshTokens: false),
        new(10,
            [
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Element/1.11.100 Chrome/134.0.6998.205 Electron/35.2.1 Safari/537.36",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Element/1.11.97 Chrome/132.0.6834.210 Electron/34.3.0 Safari/537.36",
            ],
            ["Element Desktop", "Element Desktop: Linux", "Arbeitsrechner", "デスクトップ"],
            UsesRefreshTokens: false),
        new(9,
            [
                "Element/1.11.95 (Android 13; Pixel 6a; ...; Flavour GooglePlay; MatrixAndroidSdk2 1.6.36)",
                "Element/1.11.40 (iPhone14,5; iOS 17.5; Scale/3.00)",
            ],
            ["Element Android", "Element iOS", "mein Handy", "Телефон"],
            UsesRefreshTokens: false),
        new(7,
            ["Dart/3.5 (dart:io)", "FluffyChat/1.22.1 (Android 14)"],
            ["FluffyChat Android", "FluffyChat Linux", "Fluffy 🦦"],
            UsesRefreshTokens: true),
        new(5,
            ["SchildiChat/1.11.30.sc81 (Android 13; Pixel 7; Flavour Fdroid)", "Nheko/0.12.0", "Cinny/4.6.0 (Linux)"],
            ["SchildiChat", "nheko", "Cinny", "Laptop von Björn"],
            UsesRefreshTokens: false),
        new(4,
            ["matrix-nio/0.25.2", "mautrix-python/0.20.7", "curl/8.5.0", "python-requests/2.32.3"],
            ["bot", "maubot", "backup script", "Übersetzungsbot"],
            UsesRefreshTokens: false),
        new(3,
            ["Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0", "Riot/0.9.9 (Linux)"],
            ["riot.im", "Riot Desktop", "alter Laptop 💻"],
            UsesRefreshTokens: false),
    ];

    public static readonly int TotalWeight = Apps.Sum(app => app.Weight);

    public static readonly string[] GarbageAddresses =
    [
        "unknown", "10.0.0.1, 203.0.113.7", "192.168.1.300", "localhost", "::ffff:", "client-ip-unavailable",
    ];

    /// <summary>A client by weight; refreshable sessions come only from the clients that ask for refresh tokens.</summary>
    public static ClientApp PickApp(DeterministicRandom random, bool refreshable)
    {
        while (true)
        {
            var roll = random.Next(TotalWeight);
            foreach (var app in Apps)
            {
                roll -= app.Weight;
                if (roll < 0)
                {
                    if (app.UsesRefreshTokens || !refreshable)
                    {
                        return app;
                    }

                    break;
                }
            }
        }
    }

    /// <summary>Mostly IPv4, a third IPv6 (a few of those IPv4-mapped), now and then an empty string.</summary>
    public static string DrawAddress(DeterministicRandom random)
    {
        var roll = random.Next(1000);
        return roll switch
        {
            < 5 => "",
            < 200 => $"192.0.2.{random.Next(1, 255)}",
            < 350 => $"198.51.100.{random.Next(1, 255)}",
            < 480 => $"203.0.113.{random.Next(1, 255)}",
            < 560 => $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}",
            < 620 => $"192.168.{random.Next(256)}.{random.Next(1, 255)}",
            < 660 => $"172.{random.Next(16, 32)}.{random.Next(256)}.{random.Next(1, 255)}",
            < 940 => $"2001:db8:{random.Next(0x10000):x}:{random.Next(0x10000):x}:{random.Next(0x10000):x}:{random.Next(0x10000):x}:{random.Next(0x10000):x}:{random.Next(0x10000):x}",
            < 980 => $"fd00:{random.Next(0x10000):x}::{random.Next(0x10000):x}",
            _ => $"::ffff:192.0.2.{random.Next(1, 255)}",
        };
    }
}

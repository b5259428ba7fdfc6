using System.Text;

namespace Syn2Mas.Bench.Data;

/// <summary>
/// Secret-shaped values drawn from the generator's random stream: they look like Synapse's but hash and
/// grant nothing. Bcrypt hashes are random bytes in bcrypt's encoding, never the hash of a password.
/// </summary>
internal static class SecretFactory
{
    private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string UpperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Base62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>
    /// <c>$2b$12$</c>, 22 characters of salt and 31 of hash. The last character of each encodes fewer
    /// bits than it could (128 bits in 22 characters, 184 in 31), so it is drawn from the values a real
    /// encoder can produce: every hash decodes cleanly.
    /// </summary>
    public static string BcryptHash(DeterministicRandom random) => string.Create(60, random, static (span, random) =>
    {
        "$2b$12$".CopyTo(span);
        var body = span[7..];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = i switch
            {
                21 => BcryptAlphabet[random.Next(4) * 16],
                52 => BcryptAlphabet[random.Next(16) * 4],
                _ => BcryptAlphabet[random.Next(64)],
            };
        }
    });

    /// <summary>Synapse's token layout: <c>syt_</c>, the localpart in unpadded base64, 20 random letters, a CRC-32 in base62.</summary>
    public static string AccessToken(DeterministicRandom random, string localpartBase64) => Token("syt_", random, localpartBase64);

    public static string RefreshToken(DeterministicRandom random, string localpartBase64) => Token("syr_", random, localpartBase64);

    public static string LocalpartBase64(string localpart) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(localpart)).TrimEnd('=');

    /// <summary>Synapse's device ids: ten random uppercase letters.</summary>
    public static string DeviceId(DeterministicRandom random) => RandomString(random, UpperLetters, 10);

    /// <summary>A cross-signing key's id: an ed25519 public key in unpadded base64.</summary>
    public static string PublicKeyId(DeterministicRandom random)
    {
        // 43 characters hold 256 bits with 2 to spare, so the last one comes from every fourth letter.
        var text = RandomString(random, Base64Alphabet, 43);
        return string.Concat(text.AsSpan(0, 42), Base64Alphabet[random.Next(16) * 4].ToString());
    }

    public static string RandomString(DeterministicRandom random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    private static string Token(string prefix, DeterministicRandom random, string localpartBase64)
    {
        var baseLength = prefix.Length + localpartBase64.Length + 1 + 20;
        return string.Create(baseLength + 7, (prefix, random, localpartBase64), static (span, state) =>
        {
            var position = 0;
            state.prefix.CopyTo(span);
            position += state.prefix.Length;
            state.localpartBase64.CopyTo(span[position..]);
            position += state.localpartBase64.Length;
            span[position++] = '_';
            for (var i = 0; i < 20; i++)
            {
                span[position++] = Letters[state.random.Next(Letters.Length)];
            }

            var crc = Crc32.Compute(span[..position]);
            span[position++] = '_';
            for (var i = 5; i >= 0; i--)
            {
                span[position + i] = Base62[(int)(crc % 62)];
                crc /= 62;
            }
        });
    }
}

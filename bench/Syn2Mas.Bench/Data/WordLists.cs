namespace Syn2Mas.Bench.Data;

/// <summary>
/// The words user names, e-mail addresses and device names are built from. A server's users come from
/// many languages, so the lists mix them. <see cref="LocalpartFactory"/> checks the properties its
/// uniqueness argument needs (lowercase ASCII letters only, adjectives not first names) when it starts.
/// </summary>
internal static class WordLists
{
    public static readonly string[] FirstNames =
    [
        "anna", "emma", "mia", "lena", "lea", "hannah", "sophie", "laura", "julia", "sarah",
        "lisa", "marie", "clara", "nina", "paula", "ella", "ida", "greta", "frieda", "mila",
        "olivia", "amelia", "isla", "ava", "grace", "chloe", "ruby", "evie", "freya", "alice",
        "camille", "manon", "louise", "jade", "ines", "lucia", "martina", "sofia", "giulia", "chiara",
        "elena", "irina", "olga", "natalia", "katarzyna", "agnieszka", "eva", "petra", "jana", "tereza",
        "aiko", "yuki", "sakura", "mei", "ling", "priya", "ananya", "fatima", "aisha", "leila",
        "noah", "liam", "ben", "paul", "jonas", "leon", "finn", "elias", "felix", "lukas",
        "max", "moritz", "tim", "jan", "tom", "david", "simon", "daniel", "florian", "tobias",
        "oliver", "george", "harry", "jack", "charlie", "thomas", "james", "william", "oscar", "henry",
        "hugo", "louis", "gabriel", "arthur", "jules", "marco", "luca", "matteo", "giovanni", "pablo",
        "javier", "diego", "carlos", "miguel", "pedro", "ivan", "dmitri", "sergei", "piotr", "tomasz",
        "karel", "ondrej", "kenji", "hiroshi", "takumi", "wei", "jun", "arjun", "rahul", "omar",
        "yusuf", "ahmed", "kwame", "kofi", "tariq", "nils", "erik", "lars", "sven", "mikael",
        "alex", "sam", "robin", "kim", "alexis", "jamie", "nico", "andrea", "sasha", "morgan",
    ];

    public static readonly string[] LastNames =
    [
        "mueller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann",
        "koch", "richter", "klein", "wolf", "schroeder", "neumann", "schwarz", "zimmermann", "braun", "krueger",
        "hartmann", "lange", "werner", "krause", "lehmann", "koehler", "maier", "huber", "kaiser", "fuchs",
        "smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies", "robinson", "wright",
        "thompson", "evans", "walker", "white", "roberts", "green", "hall", "wood", "jackson", "clarke",
        "martin", "bernard", "dubois", "durand", "lefebvre", "moreau", "laurent", "simon", "michel", "garcia",
        "rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci", "marino", "greco",
        "fernandez", "lopez", "martinez", "sanchez", "perez", "gomez", "rodriguez", "diaz", "alvarez", "romero",
        "nowak", "kowalski", "wisniewski", "wojcik", "kaminski", "lewandowski", "novak", "svoboda", "dvorak", "cerny",
        "ivanov", "smirnov", "kuznetsov", "popov", "sokolov", "petrov", "volkov", "fedorov", "morozov", "pavlov",
        "jansen", "devries", "bakker", "visser", "smit", "mulder", "bos", "peters", "hendriks", "dekker",
        "andersson", "johansson", "karlsson", "nilsson", "eriksson", "larsson", "olsen", "hansen", "nielsen", "berg",
        "tanaka", "suzuki", "takahashi", "watanabe", "yamamoto", "nakamura", "kobayashi", "wang", "li", "zhang",
        "chen", "liu", "kumar", "sharma", "singh", "patel", "khan", "hassan", "ali", "okafor",
        "mensah", "nguyen", "tran", "kim", "park", "lee", "choi", "silva", "santos", "oliveira",
    ];

    /// <summary>Names an SSO mapping provider turns into <c>=xx</c> escapes; display forms, not localparts.</summary>
    public static readonly string[] AccentedFirstNames =
    [
        "josé", "zoë", "björn", "jürgen", "françois", "søren", "øyvind", "åsa", "renée", "chloé",
        "łukasz", "małgorzata", "şule", "ömer", "müge", "andrés", "inés", "joão", "conceição", "mārtiņš",
        "dāvis", "jiří", "tomáš", "zoltán", "gergő", "ástríður", "þór", "noémie", "hélène", "çağla",
    ];

    public static readonly string[] Adjectives =
    [
        "dark", "silent", "lazy", "happy", "angry", "cosmic", "electric", "frozen", "golden", "hidden",
        "little", "lucky", "mighty", "noisy", "purple", "quiet", "rapid", "rusty", "shiny", "sleepy",
        "sneaky", "solar", "spicy", "stormy", "sunny", "tiny", "wild", "wise", "crimson", "fuzzy",
        "grumpy", "hungry", "jolly", "misty", "nimble", "odd", "proud", "retro", "salty", "brave",
    ];

    public static readonly string[] Nouns =
    [
        "fox", "wolf", "otter", "panda", "falcon", "raven", "badger", "tiger", "koala", "lynx",
        "penguin", "dragon", "phoenix", "comet", "pixel", "byte", "kernel", "router", "tux", "gopher",
        "cactus", "maple", "pebble", "river", "thunder", "nebula", "photon", "quasar", "walrus", "yak",
        "moose", "heron", "beetle", "squid", "turtle", "goose", "hedgehog", "owl", "ferret", "marmot",
    ];

    /// <summary>Application services that own puppet users: a bridge's registration id and its localpart prefix.</summary>
    public static readonly (string AppserviceId, string Prefix)[] Bridges =
    [
        ("telegram", "telegram_"),
        ("whatsapp", "whatsapp_"),
        ("signal", "signal_"),
        ("discord", "discord_"),
        ("slack", "slack_"),
        ("irc-libera", "irc_libera_"),
    ];

    /// <summary>Domains under reserved names (RFC 2606, RFC 6761): generated addresses can never reach anybody.</summary>
    public static readonly string[] EmailDomains =
    [
        "mail.example.org", "posteo.example", "proton.example", "gmx.example", "web.example",
        "mailbox.example", "outlook.example", "fastmail.example", "example.net", "uni-hamburg.example",
    ];

    public static readonly string[] WorkEmailDomains =
    [
        "corp.example.com", "lab.example.net", "agency.example", "school.example", "startup.example",
    ];

    /// <summary>Calling codes for phone numbers (msisdn threepids).</summary>
    public static readonly string[] CallingCodes = ["49", "33", "44", "1", "31", "41", "43", "81", "34", "39"];
}

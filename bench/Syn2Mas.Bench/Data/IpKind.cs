namespace Syn2Mas.Bench.Data;

/// <summary>What a device's <c>ip</c> column holds; the dealt kinds guarantee the rare ones in small databases.</summary>
internal enum IpKind
{
    /// <summary>Chosen per device: mostly IPv4 or IPv6.</summary>
    Drawn,

    /// <summary><c>-</c>, which Synapse writes when it had no address.</summary>
    Dash,

    /// <summary>Text no address parser accepts, such as <c>unknown</c>.</summary>
    Garbage,
}

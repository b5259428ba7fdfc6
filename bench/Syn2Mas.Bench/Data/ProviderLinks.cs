namespace Syn2Mas.Bench.Data;

/// <summary>The identity providers of fixtures/config a user is linked to (rows of <c>user_external_ids</c>).</summary>
[Flags]
internal enum ProviderLinks
{
    None = 0,

    /// <summary><c>oidc-authelia</c>: the provider with <c>idp_id: authelia</c>.</summary>
    Authelia = 1,

    /// <summary><c>oidc</c>: the provider from before Synapse gave providers ids.</summary>
    LegacyOidc = 2,
}

using System.CommandLine;

namespace Syn2Mas.Cli;

/// <summary>The options <c>advisor</c> and <c>migrate</c> share (behaviour.md, "Inputs").</summary>
public sealed class CommonOptions
{
    public Option<string[]> SynapseConfig { get; } = new("--synapse-config")
    {
        Description = "Synapse's homeserver.yaml; repeat to merge several files, later ones winning key by key",
        Required = true,
        HelpName = "FILE",
    };

    public Option<string[]> MasConfig { get; } = new("--mas-config")
    {
        Description = "MAS's config.yaml; repeat to merge several files",
        HelpName = "FILE",
    };

    public Option<string?> SynapseDatabaseUri { get; } = new("--synapse-database-uri")
    {
        Description = "Read Synapse from this PostgreSQL URI or SQLite file instead of the configured database",
        HelpName = "URI|PATH",
    };

    public Option<string?> MasDatabaseUri { get; } = new("--mas-database-uri")
    {
        Description = "Use this PostgreSQL URI for MAS instead of the configured database",
        HelpName = "URI",
    };

    public Option<string[]> UpstreamProviderMapping { get; } = new("--upstream-provider-mapping")
    {
        Description = "Map a Synapse auth_provider to a MAS upstream provider id (ULID or UUID); repeatable; wins over synapse_idp_id",
        HelpName = "IDP:ID",
    };

    public Option<bool> IgnoreMissingAuthProviders { get; } = new("--ignore-missing-auth-providers")
    {
        Description = "Skip external ids whose provider maps to no MAS provider, instead of failing",
    };

    public Option<bool> SkipInvalidUsers { get; } = new("--skip-invalid-users")
    {
        Description = "Skip users whose id is malformed or on another server, instead of failing",
    };

    public Option<bool> SkipOrphans { get; } = new("--skip-orphans")
    {
        Description = "Skip rows that belong to no user in the users table, instead of failing",
    };

    public Option<string[]> AllowWarnings { get; } = new("--allow-warnings")
    {
        Description = "Treat these warning codes (comma-separated, or 'all') as notes so automation can proceed",
        HelpName = "CODE[,CODE...]|all",
    };

    public Option<FileInfo?> Report { get; } = new("--report")
    {
        Description = "Also write the findings and figures as JSON to this file",
        HelpName = "FILE.json",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(SynapseConfig);
        command.Options.Add(MasConfig);
        command.Options.Add(SynapseDatabaseUri);
        command.Options.Add(MasDatabaseUri);
        command.Options.Add(UpstreamProviderMapping);
        command.Options.Add(IgnoreMissingAuthProviders);
        command.Options.Add(SkipInvalidUsers);
        command.Options.Add(SkipOrphans);
        command.Options.Add(AllowWarnings);
        command.Options.Add(Report);
    }
}

using Syn2Mas.Bench.Generation;

namespace Syn2Mas.Bench.Running;

/// <summary>The options of <c>run</c> after parsing and validation.</summary>
/// <param name="Postgres">The server for MAS and, with <c>--source postgres</c>, for Synapse.</param>
/// <param name="Work">Data sets, per-run logs and reports, and the floor's files.</param>
/// <param name="Results">The results JSON; the markdown goes next to it with the extension <c>.md</c>.</param>
/// <param name="Cli">The built <c>syn2mas-net.dll</c> to measure.</param>
/// <param name="Json">Print the results JSON on stdout instead of the markdown.</param>
/// <param name="StartedAt">When the benchmark started: names the results file and the folder of its logs alike.</param>
internal sealed record RunSettings(
    long Users,
    ulong Seed,
    SourceKind Source,
    int Runs,
    string Postgres,
    DirectoryInfo Work,
    FileInfo Results,
    FileInfo Cli,
    bool Regenerate,
    bool Json,
    DateTimeOffset StartedAt);

namespace Syn2Mas.Bench.Generation;

/// <summary>The options of <c>generate</c> after parsing and validation.</summary>
internal sealed record GenerateSettings(
    long Users,
    ulong Seed,
    SourceKind Source,
    DirectoryInfo? Out,
    string? SynapseDatabase,
    string? MasDatabase,
    bool SampleProblems);

using System.Globalization;
using Syn2Mas.Bench.Generation;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// One performance target of the issue next to what this benchmark measured. The targets are set at
/// 1,000,000 users; at another size the comparison only says which side of the bound the figure fell.
/// </summary>
internal sealed record TargetCheck(string Target, string Bound, string Measured, bool Within, string Status)
{
    public const long TargetUsers = 1_000_000;

    public static IReadOnlyList<TargetCheck> For(SourceKind source, long users, MigrationMedians migration, AdvisorMedians advisor, Ratios ratios)
    {
        var bound = source == SourceKind.Postgres ? 1.25 : 1.5;
        return
        [
            Check(users, $"migration ÷ floor, {(source == SourceKind.Postgres ? "PostgreSQL" : "SQLite")} source", $"≤ {bound:0.00}", $"{ratios.MigrationToFloor:0.00}", ratios.MigrationToFloor <= bound),
            Check(users, "peak RSS of migrate", "≤ 256 MiB", $"{migration.PeakResidentMiB:0} MiB", migration.PeakResidentMiB <= 256),
            Check(users, "advisor wall time", "< 30 s", $"{advisor.WallSeconds:0.0} s", advisor.WallSeconds < 30),
        ];
    }

    private static TargetCheck Check(long users, string target, string bound, string measured, bool within)
    {
        var status = users == TargetUsers
            ? (within ? "met" : "not met")
            : string.Create(CultureInfo.InvariantCulture, $"{(within ? "within" : "above")} the bound at {users:N0} users (the target is at {TargetUsers:N0})");
        return new TargetCheck(target, bound, measured, within, status);
    }
}

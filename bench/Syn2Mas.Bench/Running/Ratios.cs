namespace Syn2Mas.Bench.Running;

/// <summary>Migration over floor, each a ratio of two medians measured side by side in the same benchmark.</summary>
/// <param name="MigrationToFloor">The headline: the migration's total (checks included) over the floor's total.</param>
/// <param name="WritePathToFloor">The migration without its checks over the floor.</param>
/// <param name="ProcessToFloor">The migrate process's wall time (.NET start-up included) over the floor.</param>
/// <param name="CopyToFloorCopy">Reading, mapping and COPYing over COPYing files.</param>
/// <param name="RebuildToFloorRebuild">The same rebuild on the same rows: near 1 unless the machine was busy.</param>
internal sealed record Ratios(
    double MigrationToFloor,
    double WritePathToFloor,
    double ProcessToFloor,
    double CopyToFloorCopy,
    double RebuildToFloorRebuild)
{
    public static Ratios Of(MigrationMedians migration, FloorMedians floor) => new(
        migration.Total / floor.Total,
        migration.WritePath / floor.Total,
        migration.ProcessWall / floor.Total,
        migration.Copy / floor.Copy,
        migration.Rebuild / floor.Rebuild);
}

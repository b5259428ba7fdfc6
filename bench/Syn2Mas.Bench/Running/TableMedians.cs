using Syn2Mas.Net.Mas;

namespace Syn2Mas.Bench.Running;

/// <summary>One MAS table's pass next to its COPY in the floor: where the copy phase's time goes.</summary>
/// <param name="Migrate">Median seconds of the migration's pass: reading the Synapse tables it needs, mapping every user, COPY.</param>
/// <param name="Floor">Median seconds of the floor's COPY of the same rows from a file.</param>
internal sealed record TableMedians(string Table, long Rows, double Migrate, double Floor)
{
    public static IReadOnlyList<TableMedians> Of(IReadOnlyList<RunSample> runs) =>
        MasSchema.WrittenTables
            .Select(table => new TableMedians(
                table.Name,
                runs[0].Migration.Written.GetValueOrDefault(table.Name),
                Stats.Median(runs, run => run.Migration.PassSeconds.GetValueOrDefault(table.Name)),
                Stats.Median(runs, run => run.Floor.CopySeconds.GetValueOrDefault(table.Name))))
            .ToList();
}

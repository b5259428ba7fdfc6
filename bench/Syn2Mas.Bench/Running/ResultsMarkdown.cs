using System.Globalization;
using System.Text;

namespace Syn2Mas.Bench.Running;

/// <summary>The results as markdown: phases side by side with the floor, the other figures, the targets, then every run.</summary>
internal static class ResultsMarkdown
{
    private const double MiB = 1024.0 * 1024.0;

    public static string Render(BenchmarkResults results)
    {
        var m = results.Migration;
        var f = results.Floor;
        var a = results.Advisor;
        var r = results.Ratios;
        var text = new StringBuilder();
        Line(text, $"## {Source(results.Source)} source, {results.Users:N0} users (seed {results.Seed}), {results.RunCount} run{(results.RunCount == 1 ? "" : "s")}");
        Text(text, "");
        Line(text, $"`{results.Command}`, started {results.StartedAt:yyyy-MM-dd HH:mm} UTC, {results.BenchmarkSeconds:0} s in all.");
        Text(text, "");
        var machine = results.Machine;
        var load = $"load average {machine.LoadAverage} at the start, {results.LoadAverageAtEnd} at the end";
        Line(text, $"Machine: {machine.Processors} × {machine.CpuModel}, {machine.MemoryMiB / 1024.0:0.0} GiB, Linux {machine.Kernel}, {machine.Runtime}; {load}.");
        var settings = string.Join(", ", results.Postgres.Where(setting => setting.Key != "server_version").Select(setting => $"{setting.Key}={setting.Value}"));
        var checkpoints = results.Checkpoints ? "CHECKPOINT before every timed step" : "no CHECKPOINT (not permitted)";
        Line(text, $"PostgreSQL {results.Postgres.GetValueOrDefault("server_version", "?")}: {settings}; {checkpoints}.");
        Line(text, $"Data set: {results.DataSet.Summary}.");
        Text(text, "");
        Text(text, "Medians over the runs, in seconds; each ratio is of two medians from this benchmark.");
        Text(text, "");
        Text(text, "| phase | migrate | floor | migrate ÷ floor |");
        Text(text, "|---|---:|---:|---:|");
        Line(text, $"| checks before the first write (configuration, MAS, row estimates) | {m.Checks:0.00} | – | – |");
        Line(text, $"| prepare (lock, pause indexes and constraints) | {m.Prepare:0.00} | {f.Prepare:0.00} | {m.Prepare / f.Prepare:0.00} |");
        Line(text, $"| read + map + copy | {m.Copy:0.00} | {f.Copy:0.00} | {r.CopyToFloorCopy:0.00} |");
        Line(text, $"| index and constraint rebuild ({f.PausedObjects} objects) | {m.Rebuild:0.00} | {f.Rebuild:0.00} | {r.RebuildToFloorRebuild:0.00} |");
        Line(text, $"| data checks, beside the read, copy and rebuild (not in the total) | {m.DataChecks:0.00} | – | – |");
        Line(text, $"| wait for the data checks after the rebuild | {m.ChecksWait:0.00} | – | – |");
        Line(text, $"| commit | {m.Commit:0.00} | {f.Commit:0.00} | – |");
        Line(text, $"| **total** | **{m.Total:0.00}** | **{f.Total:0.00}** | **{r.MigrationToFloor:0.00}** |");
        Line(text, $"| total from the first write | {m.WritePath:0.00} | {f.Total:0.00} | {r.WritePathToFloor:0.00} |");
        Line(text, $"| migrate process, start to exit | {m.ProcessWall:0.00} | {f.Total:0.00} | {r.ProcessToFloor:0.00} |");
        Text(text, "");
        Text(text, "Read + map + copy, per MAS table (compat_sessions is copied while Synapse is read, once, so its time is the whole read and mapping; the other tables are copied afterwards from their temporary files):");
        Text(text, "");
        Text(text, "| MAS table | rows | migrate | floor COPY | migrate ÷ floor |");
        Text(text, "|---|---:|---:|---:|---:|");
        foreach (var table in results.Tables)
        {
            Line(text, $"| {table.Table} | {table.Rows:N0} | {table.Migrate:0.00} | {table.Floor:0.00} | {table.Migrate / table.Floor:0.0} |");
        }

        Text(text, "");
        Text(text, "| figure | median |");
        Text(text, "|---|---:|");
        Line(text, $"| MAS rows written | {m.RowsWritten:N0} |");
        Line(text, $"| rows written per second (of the total) | {m.RowsPerSecond:N0} |");
        Line(text, $"| Synapse users per second (of the total) | {m.UsersPerSecond:N0} |");
        Line(text, $"| peak RSS of migrate | {m.PeakResidentMiB:0.0} MiB |");
        Line(text, $"| CPU time of migrate (user + system) | {m.CpuSeconds:0.00} s ({m.UserCpuSeconds:0.00} + {m.SystemCpuSeconds:0.00}) |");
        Line(text, $"| advisor, start to exit | {a.WallSeconds:0.00} s |");
        Line(text, $"| peak RSS of advisor | {a.PeakResidentMiB:0.0} MiB |");
        Line(text, $"| CPU time of advisor | {a.CpuSeconds:0.00} s |");
        Line(text, $"| floor files (binary COPY) | {results.FloorFileBytes / MiB:0.0} MiB |");
        Text(text, "");
        Text(text, "| target | bound | measured | status |");
        Text(text, "|---|---|---:|---|");
        foreach (var target in results.Targets)
        {
            Line(text, $"| {target.Target} | {target.Bound} | {target.Measured} | {target.Status} |");
        }

        Text(text, "");
        Text(text, "| run | checks | data checks | prepare | copy | rebuild | wait | commit | total | process | RSS MiB | CPU s | floor | ÷ floor | advisor |");
        Text(text, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in results.Runs)
        {
            var migration = run.Migration;
            var process = migration.Process;
            Line(text, $"| {run.Run} | {migration.Checks:0.00} | {migration.DataChecks:0.00} | {migration.Prepare:0.00} | {migration.Copy:0.00} | {migration.Rebuild:0.00} | {migration.ChecksWait:0.00} | {migration.Commit:0.00} | {migration.Total:0.00} | {process.WallSeconds:0.00} | {process.PeakResidentBytes / MiB:0.0} | {process.CpuSeconds:0.00} | {run.Floor.Total:0.00} | {run.RatioToFloor:0.00} | {run.Advisor.WallSeconds:0.00} |");
        }

        return text.ToString();
    }

    private static string Source(string source) => source == "postgres" ? "PostgreSQL" : "SQLite";

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Text(StringBuilder text, string line) => text.Append(line).Append('\n');
}

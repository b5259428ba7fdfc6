using System.Text.Json;

namespace Syn2Mas.Bench.Running;

/// <summary>Reads the few fields of a <c>migrate --report</c> file the benchmark needs: outcome, timings, rows written.</summary>
internal static class MigrationReportReader
{
    public static async Task<MigrationSample> ReadAsync(string path, ProcessSample process, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var root = document.RootElement;
        var outcome = root.GetProperty("outcome").GetString();
        if (outcome != "migrated")
        {
            var error = root.TryGetProperty("error", out var message) ? $": {message.GetString()}" : "";
            throw new GeneratorException($"the migration's report {path} says {outcome}{error}, not migrated.");
        }

        var timings = root.GetProperty("timings");
        var written = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var seconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var table in root.GetProperty("tables").EnumerateArray())
        {
            var name = table.GetProperty("table").GetString()!;
            written[name] = table.GetProperty("written").GetInt64();
            seconds[name] = table.GetProperty("seconds").GetDouble();
        }

        return new MigrationSample(
            process,
            timings.GetProperty("checks").GetDouble(),
            timings.GetProperty("dataChecks").GetDouble(),
            timings.GetProperty("prepare").GetDouble(),
            timings.GetProperty("copy").GetDouble(),
            timings.GetProperty("checksWait").GetDouble(),
            timings.GetProperty("rebuild").GetDouble(),
            timings.GetProperty("finish").GetDouble(),
            timings.GetProperty("total").GetDouble(),
            root.GetProperty("counts").GetProperty("users").GetInt64(),
            written,
            seconds);
    }
}

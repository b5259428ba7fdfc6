using Npgsql;
using Syn2Mas.Bench.Sinks;

namespace Syn2Mas.Bench.Generation;

/// <summary>
/// Prepares the MAS side of a benchmark: the fixture schema (v1.22) and the upstream providers that
/// <c>mas-cli config sync</c> would have stored, so the migration finds a blank MAS to write into.
/// </summary>
internal static class MasDatabaseLoader
{
    public static async Task LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await PostgresDatabase.RequireEmptyAsync(dataSource, "MAS", cancellationToken);
        var schema = await File.ReadAllTextAsync(RepositoryPaths.Fixture("mas", "schema-1.22.sql"), cancellationToken);
        var providers = await File.ReadAllTextAsync(RepositoryPaths.Fixture("mas", "providers.sql"), cancellationToken);
        await PostgresDatabase.ExecuteInTransactionAsync(dataSource, schema + "\n" + providers, cancellationToken);
    }
}

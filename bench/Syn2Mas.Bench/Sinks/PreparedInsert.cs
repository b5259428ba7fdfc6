using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Syn2Mas.Bench.Sinks;

/// <summary>
/// One prepared <c>INSERT</c> whose parameters are rebound for each row. It talks to SQLite through the
/// statement handle under Microsoft.Data.Sqlite (the same connection and transaction): binding by
/// position without the command object's per-execution bookkeeping makes each row several times cheaper,
/// which decides whether a 5M-user file takes minutes or tens of minutes.
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly int _columns;

    public PreparedInsert(SqliteConnection connection, string table, params string[] columns)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        _columns = columns.Length;
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    public void Execute(params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < _columns; i++)
        {
            var result = values[i] switch
            {
                null => raw.sqlite3_bind_null(_statement, i + 1),
                string text => raw.sqlite3_bind_text(_statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                var other => throw new ArgumentException($"No SQLite binding for {other.GetType().Name}.", nameof(values)),
            };
            Check(result);
        }

        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            Check(step);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.", result);
        }
    }
}

using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using Syn2Mas.Net.Databases;

namespace Syn2Mas.Net.Synapse;

/// <summary>SQL fragments whose spelling differs between Synapse's two dialects.</summary>
internal static class SynapseSql
{
    /// <summary>
    /// A condition that holds when a Synapse boolean column is true. PostgreSQL has real booleans; SQLite
    /// stores 0/1, except that very old files hold the text <c>'FALSE'</c> in <c>devices.hidden</c>, which
    /// SQLite's own truth test would read as false only by accident of numeric conversion (and <c>'TRUE'</c>
    /// as false too), so the known false spellings are listed and anything else set counts as true.
    /// </summary>
    public static string IsTrue(this SynapseSource source, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Dialect == SynapseDialect.Postgres
            ? $"({column} IS TRUE)"
            : $"(coalesce(upper(CAST({column} AS TEXT)), '0') NOT IN ('0', 'FALSE', 'F', ''))";
    }

    /// <summary>
    /// An ORDER BY key that sorts text by code point in both dialects, the order <see cref="CodePointComparer"/>
    /// merges in: SQLite's BINARY collation already does, and so does a PostgreSQL database created with the
    /// C collation as Synapse requires, where the plain key lets Synapse's indexes serve the order. Any other
    /// PostgreSQL database needs <c>COLLATE "C"</c> spelled out, which is right but sorts.
    /// </summary>
    public static string ByteOrder(this SynapseSource source, string expression)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.SortsTextByCodePoint ? expression : $"{expression} COLLATE \"C\"";
    }

    /// <summary>
    /// A text column reference the planner may not use an index for. Without statistics either planner
    /// takes an equality on an indexed column as a good start, e.g. <c>medium = 'email'</c> on
    /// <c>user_threepids(medium, address)</c> inside a per-user subquery, which scans every email once per
    /// user: quadratic. SQLite rarely has statistics; PostgreSQL has none in a database just restored from
    /// a dump until autovacuum analyzes it. The unary plus (SQLite's documented way to rule a term out) and
    /// an appended empty string (an expression no index covers) leave the user_id index; with statistics
    /// PostgreSQL still picks a hash join.
    /// </summary>
    public static string NotIndexed(this SynapseSource source, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Dialect == SynapseDialect.Sqlite ? "+" + column : $"({column} || '')";
    }

    /// <summary>
    /// A table to be read whole and sorted, not walked through an index. A Synapse table lies on disk in the
    /// order its rows were inserted, not by user id: following SQLite's user id index fetches the rows one
    /// random page at a time (a system call each, the file being far larger than SQLite's cache), where
    /// reading the file through is sequential and SQLite sorts in bounded memory, spilling to temporary
    /// files. PostgreSQL's planner makes that choice itself.
    /// </summary>
    public static string ReadWhole(this SynapseSource source, string table)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Dialect == SynapseDialect.Sqlite ? $"{table} NOT INDEXED" : table;
    }

    /// <summary>
    /// A condition that holds when a SQLite number column holds something else than an integer or NULL;
    /// never on PostgreSQL.
    /// </summary>
    public static string NotAnInteger(this SynapseSource source, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Dialect == SynapseDialect.Postgres ? "FALSE" : $"(typeof({column}) NOT IN ('integer', 'null'))";
    }

    /// <summary>
    /// A condition that holds when a SQLite text column holds bytes that are not UTF-8; never on PostgreSQL,
    /// which refuses them on the way in. SQLite has no such test and decodes bad bytes loosely (a cut-off
    /// sequence reads as some other character), so no pattern can tell them apart: the GLOB keeps the
    /// function's calls to text with a byte outside printable ASCII, and the function checks the bytes.
    /// </summary>
    public static string NotUtf8(this SynapseSource source, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Dialect == SynapseDialect.Postgres
            ? "FALSE"
            : $"({column} GLOB '*[^ -~]*' AND {NotUtf8Function}(CAST({column} AS BLOB)))";
    }

    private const string NotUtf8Function = "syn2mas_not_utf8";

    /// <summary>Adds the functions the fragments above call to a connection, which keeps them to itself.</summary>
    internal static void AddFunctions(SqliteConnection connection) =>
        connection.CreateFunction<byte[]?, bool>(NotUtf8Function, bytes => bytes is not null && !Utf8.IsValid(bytes), isDeterministic: true);
}

using Npgsql;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// The rows of one migration, table by table, in PostgreSQL's binary COPY format: dumped once from MAS
/// after the first migration of a benchmark, then loaded again and again by <see cref="FloorLoad"/>. The
/// column lists are the writer's (<see cref="MasSchema"/>), so the files hold exactly what it sends.
/// </summary>
internal sealed class FloorFiles(string folder)
{
    public string Folder { get; } = folder;

    public string PathOf(MasTable table) => Path.Combine(Folder, table.Name + ".bin");

    /// <summary>The files' size when they were dumped.</summary>
    public long Bytes { get; private set; }

    public static string CopySql(MasTable table, bool into) =>
        $"COPY \"{table.Name}\" ({string.Join(", ", table.ColumnNames)}) {(into ? "FROM STDIN" : "TO STDOUT")} (FORMAT BINARY)";

    public static async Task<FloorFiles> DumpAsync(NpgsqlDataSource mas, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var files = new FloorFiles(folder);
        await using var connection = await mas.OpenConnectionAsync(cancellationToken);
        foreach (var table in MasSchema.WrittenTables)
        {
            await using var file = new FileStream(files.PathOf(table), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
            await using var copy = await connection.BeginRawBinaryCopyAsync(CopySql(table, into: false), cancellationToken);
            await copy.CopyToAsync(file, 1 << 20, cancellationToken);
        }

        files.Bytes = MasSchema.WrittenTables.Sum(table => new FileInfo(files.PathOf(table)).Length);
        return files;
    }

    public void Delete()
    {
        foreach (var table in MasSchema.WrittenTables)
        {
            File.Delete(PathOf(table));
        }

        if (!Directory.EnumerateFileSystemEntries(Folder).Any())
        {
            Directory.Delete(Folder);
        }
    }
}

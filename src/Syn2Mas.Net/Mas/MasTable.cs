namespace Syn2Mas.Net.Mas;

/// <summary>A MAS table the migration writes, with its columns in the order the writer sends them.</summary>
public sealed record MasTable(string Name, IReadOnlyList<MasColumn> Columns)
{
    public IEnumerable<string> ColumnNames => Columns.Select(column => column.Name);

    internal MasColumn? Column(string name) => Columns.FirstOrDefault(column => column.Name == name);

    public override string ToString() => Name;
}

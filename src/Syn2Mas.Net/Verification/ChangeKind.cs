namespace Syn2Mas.Net.Verification;

/// <summary>What it takes to make MAS hold what the migration rules give for a row.</summary>
internal enum ChangeKind
{
    /// <summary>The rules give the row and MAS lacks it: missing in MAS.</summary>
    Insert,

    /// <summary>MAS holds a row the rules do not give: unexpected in MAS.</summary>
    Delete,

    /// <summary>Both sides hold the row under the same natural key, with different values: different.</summary>
    Update,
}

using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// Synapse on SQLite can store a NUL character in text, PostgreSQL cannot (docs/behaviour.md,
/// rule: nul-characters). A row that would write one is refused before anything reaches MAS, or skipped with
/// <c>--skip-invalid-users</c>, the option for Synapse data MAS cannot hold. Only rows that would otherwise
/// be written are looked at: a NUL in a row skipped anyway changes nothing.
/// </summary>
internal static class NulCharacters
{
    public static bool In(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal);

    /// <summary>Skips a row of <paramref name="skippedTable"/> for a NUL in <paramref name="table"/>.<paramref name="column"/>, or throws.</summary>
    public static void SkipOrRefuse(MappingContext context, MappedUser mapped, string skippedTable, string table, string column)
    {
        if (!context.SkipInvalidUsers)
        {
            // The column, never its value: password_hash and token are secrets.
            throw new MappingException(
                $"{table}.{column} of {ExampleText.Of(mapped.UserId)} holds a NUL character, which PostgreSQL cannot store; "
                + "correct it in Synapse's database or pass --skip-invalid-users to skip such rows "
                + "(the checks before migrating report these as nul-characters)");
        }

        mapped.Skip(skippedTable, SkipReasons.NulCharacter);
    }
}

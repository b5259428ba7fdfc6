using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// rule: invalid-bytes-and-numbers, and rule: nul-characters. Values that only SQLite can hold and that MAS must not be given:
/// text with a NUL character (PostgreSQL cannot store it), text with bytes that are not UTF-8 (read as
/// <see cref="SynapseText"/> escapes, never replaced), and a number column holding text, a blob or a
/// fraction (<see cref="SynapseNumber.NotANumber"/>). A row holding one is refused before anything reaches MAS,
/// or skipped with <c>--skip-invalid-users</c>, the option for Synapse data MAS cannot hold. Only rows that
/// would otherwise be written are looked at: such a value in a row skipped anyway changes nothing.
/// </summary>
internal static class InvalidValues
{
    /// <summary>The fault of a text value about to be written, or null.</summary>
    public static ValueFault? InText(string table, string column, string? value) =>
        value is null ? null
        : value.Contains('\0', StringComparison.Ordinal) ? new ValueFault(table, column, SkipReasons.NulCharacter)
        : SynapseText.HasInvalidBytes(value) ? new ValueFault(table, column, SkipReasons.InvalidUtf8)
        : null;

    /// <summary>The fault of a number column, or null.</summary>
    public static ValueFault? InNumber(string table, string column, SynapseNumber? value) =>
        value is { IsNotANumber: true } ? new ValueFault(table, column, SkipReasons.NotANumber) : null;

    /// <inheritdoc cref="InNumber(string, string, SynapseNumber?)"/>
    public static ValueFault? InNumber(string table, string column, SynapseMilliseconds? value) => InNumber(table, column, value?.Stored);

    /// <inheritdoc cref="InNumber(string, string, SynapseNumber?)"/>
    public static ValueFault? InNumber(string table, string column, SynapseSeconds? value) => InNumber(table, column, value?.Stored);

    /// <summary>Skips a row of <paramref name="skippedTable"/> for <paramref name="fault"/>, or throws.</summary>
    public static void SkipOrRefuse(MappingContext context, MappedUser mapped, string skippedTable, ValueFault fault)
    {
        if (!context.SkipInvalidUsers)
        {
            // The column, never its value: password_hash and token are secrets.
            (string What, string Code) text = fault.Reason switch
            {
                SkipReasons.NulCharacter => ("holds a NUL character, which PostgreSQL cannot store", "nul-characters"),
                SkipReasons.InvalidUtf8 => ("holds bytes that are not UTF-8, which MAS cannot store and this tool does not rewrite", "invalid-utf8"),
                _ => ("holds text or a blob where Synapse stores a number", "not-a-number"),
            };
            throw new MappingException(
                $"{fault.Table}.{fault.Column} of {ExampleText.Of(mapped.UserId)} {text.What}; "
                + "correct it in Synapse's database or pass --skip-invalid-users to skip such rows "
                + $"(the checks before migrating report these as {text.Code})");
        }

        mapped.Skip(skippedTable, fault.Reason);
    }
}

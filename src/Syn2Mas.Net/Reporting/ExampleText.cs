namespace Syn2Mas.Net.Reporting;

/// <summary>
/// Turns a stored value into an example fit for a one-line finding: user ids come straight from Synapse's
/// tables, where nothing stops a newline or a NUL, so control characters are shown escaped, and so are
/// bytes that were not UTF-8 (<see cref="Synapse.SynapseText"/>), as <c>\xE9</c>.
/// </summary>
internal static class ExampleText
{
    public static string Of(string? value) => value is null ? "NULL" : PrintableText.Escape(value);
}

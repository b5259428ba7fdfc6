namespace Syn2Mas.Net.Mapping;

/// <summary>A Synapse value MAS cannot be given as it is: where it is and why (a <see cref="SkipReasons"/> text).</summary>
internal readonly record struct ValueFault(string Table, string Column, string Reason);

namespace Syn2Mas.Net.Mapping;

/// <summary>Something migrated in a lesser form than Synapse held it.</summary>
/// <param name="Code">One of <see cref="MappingWarningCodes"/>.</param>
/// <param name="UserId">The Synapse user the row belongs to.</param>
/// <param name="DeviceId">The device concerned, when the warning is about one.</param>
/// <param name="Message">One line naming the table and column; never a stored value that could be a secret.</param>
internal sealed record MappingWarning(string Code, string? UserId, string? DeviceId, string Message);

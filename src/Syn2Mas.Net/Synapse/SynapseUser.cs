namespace Syn2Mas.Net.Synapse;

/// <summary>A row of Synapse's <c>users</c>, as the migration reads it (docs/schema.md).</summary>
/// <param name="Name">The user id; nullable in Synapse's DDL.</param>
/// <param name="Locked">False when the schema predates <c>users.locked</c>.</param>
internal sealed record SynapseUser(
    SynapseUserId? Name,
    string? PasswordHash,
    SynapseSeconds? CreationTs,
    bool Admin,
    bool IsGuest,
    bool Deactivated,
    string? AppserviceId,
    bool Locked)
{
    public override string ToString() =>
        $"SynapseUser {{ Name = {Name}, CreationTs = {CreationTs}, Admin = {Admin}, IsGuest = {IsGuest}, Deactivated = {Deactivated}, AppserviceId = {AppserviceId}, Locked = {Locked} }}";
}

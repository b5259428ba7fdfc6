namespace Syn2Mas.Net.Doctor;

/// <summary>What the admin asked <c>doctor</c> for.</summary>
/// <param name="Stage">Null: taken from Synapse's configuration (delegation on means after the switch).</param>
/// <param name="Live">Null: the configuration files only.</param>
public sealed record DoctorOptions(DoctorStage? Stage = null, LiveOptions? Live = null);

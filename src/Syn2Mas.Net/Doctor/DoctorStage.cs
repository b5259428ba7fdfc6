namespace Syn2Mas.Net.Doctor;

/// <summary>Where the admin stands: before Synapse hands authentication to MAS, or after.</summary>
public enum DoctorStage
{
    /// <summary>Synapse still logs users in itself; doctor says what to set up.</summary>
    Before,

    /// <summary>Synapse delegates to MAS; doctor checks that everything is wired.</summary>
    After,
}

namespace Syn2Mas.Bench.Data;

/// <summary>What the deal of <see cref="BlockPlanner"/> gave one user; the values themselves are drawn later.</summary>
internal sealed class UserPlan
{
    public UserKind Kind { get; set; } = UserKind.Ordinary;

    public int Emails { get; set; }

    public bool HasMsisdn { get; set; }

    public ProviderLinks Links { get; set; }

    public List<DevicePlan> VisibleDevices { get; } = [];

    public int HiddenDevices { get; set; }

    public int DevicelessTokens { get; set; }

    /// <summary>Block positions of the admins who each hold a puppet token for this user.</summary>
    public List<int> PuppetedBy { get; } = [];

    public bool IsActive => Kind is not (UserKind.Guest or UserKind.Appservice or UserKind.Deactivated);
}

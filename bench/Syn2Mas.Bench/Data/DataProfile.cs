namespace Syn2Mas.Bench.Data;

/// <summary>
/// What every block of <see cref="BlockSize"/> consecutive users holds (bench/README.md, "Profile"). The
/// counts are dealt like cards inside each block instead of drawn with probabilities, so the totals are
/// exact for whole blocks and even a few hundred users contain every kind of row.
/// </summary>
internal static class DataProfile
{
    public const int BlockSize = 100;

    // Users. The remaining positions are ordinary users with a password.
    public const int Guests = 1;
    public const int AppserviceUsers = 2;
    public const int Deactivated = 3;
    public const int Admins = 2;
    public const int Locked = 1;

    /// <summary>Users who sign in through an identity provider only, so without a password hash.</summary>
    public const int SsoOnly = 4;

    /// <summary>Guests, application service users and deactivated users have no password (Synapse clears it on deactivation).</summary>
    public const int WithPassword = BlockSize - Guests - AppserviceUsers - Deactivated - SsoOnly;

    /// <summary>Users who can sign in: everybody but guests, application service users and deactivated users.</summary>
    public const int Active = BlockSize - Guests - AppserviceUsers - Deactivated;

    // Threepids, on active users only: Synapse removes a user's threepids when it deactivates the account.
    public const int UsersWithTwoEmails = 13;
    public const int UsersWithOneEmail = Active - UsersWithTwoEmails;
    public const int Msisdns = 3;
    public const int Threepids = UsersWithOneEmail + 2 * UsersWithTwoEmails + Msisdns;

    // External ids, dealt to active users; every SSO-only user gets at least one.
    public const int AutheliaOnly = 18;
    public const int LegacyOidcOnly = 8;
    public const int BothProviders = 2;
    public const int ExternalIds = AutheliaOnly + LegacyOidcOnly + 2 * BothProviders;

    /// <summary>How many active users have 0, 1, 2… visible devices (index = device count).</summary>
    public static readonly int[] VisibleDeviceHistogram = [6, 33, 27, 17, 6, 3, 0, 0, 2];

    /// <summary>Cross-signing keys Synapse keeps as hidden devices, given to users that have a visible device.</summary>
    public const int HiddenDevices = 4;

    // What sits on each visible device of an active user.
    public const int DevicesWithoutToken = 4;
    public const int DevicesWithOneToken = 153;
    public const int DevicesWithTwoTokens = 20;
    public const int DevicesWithThreeTokens = 4;

    /// <summary>A refreshable pair alone on its device.</summary>
    public const int RefreshPairs = 9;

    /// <summary>A pair refreshed once whose successor's access token was used: the first pair is dead.</summary>
    public const int RefreshChainsUsed = 2;

    /// <summary>A pair refreshed once whose successor was not used yet: both pairs are alive.</summary>
    public const int RefreshChainsUnused = 1;

    public const int RefreshTokens = RefreshPairs + 2 * (RefreshChainsUsed + RefreshChainsUnused);

    public const int DevicelessTokens = 5;
    public const int PuppetTokens = 2;

    /// <summary>Visible devices that report an address no parser accepts, and ones that report <c>-</c>.</summary>
    public const int GarbageIpDevices = 1;
    public const int DashIpDevices = 2;

    public static int VisibleDevicesOfActiveUsers => VisibleDeviceHistogram.Select((users, devices) => users * devices).Sum();

    /// <summary>Guests have their <c>guest_device</c>; each bridge user one device of the bridge.</summary>
    public static int Devices => Guests + AppserviceUsers + VisibleDevicesOfActiveUsers + HiddenDevices;

    public static int AccessTokens =>
        Guests + AppserviceUsers
        + DevicesWithOneToken + 2 * DevicesWithTwoTokens + 3 * DevicesWithThreeTokens
        + RefreshTokens + DevicelessTokens + PuppetTokens;

    /// <summary>The deal only works when the cards add up; a profile edit that breaks this fails at start.</summary>
    public static void Check()
    {
        var deviceCards = DevicesWithoutToken + DevicesWithOneToken + DevicesWithTwoTokens + DevicesWithThreeTokens
            + RefreshPairs + RefreshChainsUsed + RefreshChainsUnused;
        if (VisibleDeviceHistogram.Sum() != Active
            || deviceCards != VisibleDevicesOfActiveUsers
            || AutheliaOnly + LegacyOidcOnly + BothProviders < SsoOnly
            || AutheliaOnly + LegacyOidcOnly + BothProviders > Active
            || Msisdns > Active
            || Admins + Locked + SsoOnly > Active)
        {
            throw new InvalidOperationException("The data profile's counts do not add up.");
        }
    }
}

namespace Syn2Mas.Bench.Data;

/// <summary>
/// Deals the counts of <see cref="DataProfile"/> to the positions of one block of users, shuffled by a
/// random stream of the block's own, so a block's plan depends only on (seed, block number).
/// </summary>
internal sealed class BlockPlanner
{
    private const ulong BlockDomain = 0x626C6F636B;

    private readonly ulong _seed;
    private readonly DeterministicRandom _random;

    public BlockPlanner(ulong seed)
    {
        DataProfile.Check();
        _seed = seed;
        _random = new DeterministicRandom(seed, BlockDomain, 0);
    }

    public UserPlan[] Plan(long block)
    {
        _random.Reseed(_seed, BlockDomain, (ulong)block);
        var plans = new UserPlan[DataProfile.BlockSize];
        for (var i = 0; i < plans.Length; i++)
        {
            plans[i] = new UserPlan();
        }

        var positions = Enumerable.Range(0, DataProfile.BlockSize).ToArray();
        _random.Shuffle(positions.AsSpan());
        var next = 0;
        void Assign(UserKind kind, int count)
        {
            for (var i = 0; i < count; i++)
            {
                plans[positions[next++]].Kind = kind;
            }
        }

        Assign(UserKind.Guest, DataProfile.Guests);
        Assign(UserKind.Appservice, DataProfile.AppserviceUsers);
        Assign(UserKind.Deactivated, DataProfile.Deactivated);
        Assign(UserKind.Admin, DataProfile.Admins);
        Assign(UserKind.Locked, DataProfile.Locked);
        Assign(UserKind.SsoOnly, DataProfile.SsoOnly);

        var active = Enumerable.Range(0, DataProfile.BlockSize).Where(i => plans[i].IsActive).ToArray();
        DealEmails(plans, active);
        DealLinks(plans, active);
        DealDevices(plans, active);
        DealDevicelessTokens(plans, active);
        return plans;
    }

    private void DealEmails(UserPlan[] plans, int[] active)
    {
        var emails = Cards((2, DataProfile.UsersWithTwoEmails), (1, DataProfile.UsersWithOneEmail));
        for (var i = 0; i < active.Length; i++)
        {
            plans[active[i]].Emails = emails[i];
        }

        foreach (var position in Draw(active, DataProfile.Msisdns))
        {
            plans[position].HasMsisdn = true;
        }
    }

    private void DealLinks(UserPlan[] plans, int[] active)
    {
        var links = Cards(
            (ProviderLinks.Authelia, DataProfile.AutheliaOnly),
            (ProviderLinks.LegacyOidc, DataProfile.LegacyOidcOnly),
            (ProviderLinks.Authelia | ProviderLinks.LegacyOidc, DataProfile.BothProviders));

        // An SSO-only user without a link could not sign in at all, so they take the first cards.
        var ssoOnly = active.Where(position => plans[position].Kind == UserKind.SsoOnly).ToArray();
        var others = active.Where(position => plans[position].Kind != UserKind.SsoOnly).ToArray();
        for (var i = 0; i < ssoOnly.Length; i++)
        {
            plans[ssoOnly[i]].Links = links[i];
        }

        var rest = links.Skip(ssoOnly.Length).Concat(Enumerable.Repeat(ProviderLinks.None, others.Length - (links.Length - ssoOnly.Length))).ToArray();
        _random.Shuffle(rest.AsSpan());
        for (var i = 0; i < others.Length; i++)
        {
            plans[others[i]].Links = rest[i];
        }
    }

    private void DealDevices(UserPlan[] plans, int[] active)
    {
        var counts = Cards(DataProfile.VisibleDeviceHistogram.Select((users, devices) => (devices, users)).ToArray());
        var tokens = Cards(
            (DeviceTokens.None, DataProfile.DevicesWithoutToken),
            (DeviceTokens.One, DataProfile.DevicesWithOneToken),
            (DeviceTokens.Two, DataProfile.DevicesWithTwoTokens),
            (DeviceTokens.Three, DataProfile.DevicesWithThreeTokens),
            (DeviceTokens.RefreshPair, DataProfile.RefreshPairs),
            (DeviceTokens.RefreshChainUsed, DataProfile.RefreshChainsUsed),
            (DeviceTokens.RefreshChainUnused, DataProfile.RefreshChainsUnused));
        var ips = new IpKind[tokens.Length];
        for (var i = 0; i < DataProfile.GarbageIpDevices + DataProfile.DashIpDevices; i++)
        {
            ips[i] = i < DataProfile.GarbageIpDevices ? IpKind.Garbage : IpKind.Dash;
        }

        _random.Shuffle(ips.AsSpan());
        var card = 0;
        for (var i = 0; i < active.Length; i++)
        {
            var plan = plans[active[i]];
            for (var device = 0; device < counts[i]; device++, card++)
            {
                plan.VisibleDevices.Add(new DevicePlan(tokens[card], ips[card]));
            }
        }

        foreach (var position in Draw(active.Where(position => plans[position].VisibleDevices.Count > 0).ToArray(), DataProfile.HiddenDevices))
        {
            plans[position].HiddenDevices++;
        }
    }

    private void DealDevicelessTokens(UserPlan[] plans, int[] active)
    {
        for (var i = 0; i < DataProfile.DevicelessTokens; i++)
        {
            plans[active[_random.Next(active.Length)]].DevicelessTokens++;
        }

        // An admin signs in as another user through the admin API; the token belongs to that user.
        var admins = active.Where(position => plans[position].Kind == UserKind.Admin).ToArray();
        var targets = active.Where(position => plans[position].Kind != UserKind.Admin).ToArray();
        for (var i = 0; i < DataProfile.PuppetTokens; i++)
        {
            plans[targets[_random.Next(targets.Length)]].PuppetedBy.Add(admins[_random.Next(admins.Length)]);
        }
    }

    /// <summary>A shuffled deck holding each value as many times as given.</summary>
    private T[] Cards<T>(params (T Value, int Count)[] counts)
    {
        var deck = counts.SelectMany(entry => Enumerable.Repeat(entry.Value, entry.Count)).ToArray();
        _random.Shuffle(deck.AsSpan());
        return deck;
    }

    private int[] Draw(int[] from, int count)
    {
        var copy = from.ToArray();
        _random.Shuffle(copy.AsSpan());
        return copy[..Math.Min(count, copy.Length)];
    }
}

using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>The types the reader gives Synapse's values: units, "not a number" and user ids.</summary>
public sealed class SynapseUnitTypesTests
{
    /// <summary>2025-06-01T12:00:00Z.</summary>
    private static readonly DateTimeOffset Snapshot = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Not_a_number_has_no_value_and_sorts_before_every_number()
    {
        Assert.Throws<InvalidOperationException>(() => SynapseNumber.NotANumber.Value);
        Assert.NotEqual(new SynapseNumber(0), SynapseNumber.NotANumber);
        Assert.True(SynapseNumber.NotANumber < long.MinValue);
        Assert.True(new SynapseNumber(-1) < 0);
        Assert.Equal(0, SynapseNumber.NotANumber.CompareTo(SynapseNumber.NotANumber));
        Assert.Throws<InvalidOperationException>(() => new SynapseMilliseconds(SynapseNumber.NotANumber).ToPlausibleTime(Snapshot));
    }

    [Fact]
    public void The_same_number_is_a_plausible_time_in_its_own_unit_only()
    {
        Assert.Equal(new DateTimeOffset(2020, 9, 13, 12, 26, 40, TimeSpan.Zero), new SynapseSeconds(1_600_000_000).ToPlausibleTime(Snapshot));
        Assert.Null(new SynapseMilliseconds(1_600_000_000).ToPlausibleTime(Snapshot));
        Assert.Equal(new DateTimeOffset(2020, 9, 13, 12, 26, 40, TimeSpan.Zero), new SynapseMilliseconds(1_600_000_000_000).ToPlausibleTime(Snapshot));
        Assert.Null(new SynapseSeconds(1_600_000_000_000).ToPlausibleTime(Snapshot));
        Assert.Null(new SynapseSeconds(0).ToPlausibleTime(Snapshot));
        Assert.Null(new SynapseSeconds(long.MaxValue).ToPlausibleTime(Snapshot));
        Assert.Equal(Snapshot, new SynapseMilliseconds(Snapshot.ToUnixTimeMilliseconds()).ToPlausibleTime(Snapshot));
        Assert.Null(new SynapseMilliseconds(Snapshot.ToUnixTimeMilliseconds() + 1).ToPlausibleTime(Snapshot));
    }

    [Fact]
    public void An_expiry_has_passed_only_strictly_before_now_and_is_clamped_to_the_years_1_to_9999()
    {
        var now = Snapshot.ToUnixTimeMilliseconds();
        Assert.True(new SynapseMilliseconds(now - 1).IsBefore(Snapshot));
        Assert.False(new SynapseMilliseconds(now).IsBefore(Snapshot));

        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), new SynapseMilliseconds(long.MaxValue).ToExpiryTime(out var clamped).ToUnixTimeMilliseconds());
        Assert.True(clamped);
        Assert.Equal(Snapshot, new SynapseMilliseconds(now).ToExpiryTime(out clamped));
        Assert.False(clamped);
    }

    [Theory]
    [InlineData("@alice:example.com", true, "alice", true)]
    [InlineData("@alice:example.com:8448", true, "alice", false)]
    [InlineData("@a:b:example.com", true, "a", false)]
    [InlineData("@alice:other.example", true, "alice", false)]
    [InlineData("@:example.com", false, null, false)]
    [InlineData("alice:example.com", false, null, false)]
    [InlineData("@alice", false, null, false)]
    public void A_user_id_has_its_localpart_up_to_the_first_colon(string value, bool wellFormed, string? localpart, bool onExampleCom)
    {
        var id = new SynapseUserId(value);

        Assert.Equal(wellFormed, id.IsWellFormed);
        Assert.Equal(onExampleCom, id.IsOn("example.com"));
        if (localpart is null)
        {
            Assert.Throws<InvalidOperationException>(() => id.Localpart);
        }
        else
        {
            Assert.Equal(localpart, id.Localpart);
        }
    }

    [Theory]
    [InlineData("@irc_a:b:example.com", true)]
    [InlineData("@irc_a:example.com", false)]
    [InlineData("@a:b:other.example", false)]
    [InlineData("@:example.com", false)]
    [InlineData("a:b:example.com", false)]
    public void A_colon_in_the_localpart_is_one_before_the_server_name(string value, bool hasColon)
    {
        Assert.Equal(hasColon, new SynapseUserId(value).HasColonInLocalpart("example.com"));
    }
}

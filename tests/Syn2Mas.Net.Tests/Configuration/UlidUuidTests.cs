using NUlid;
using Syn2Mas.Net.Identifiers;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// MAS stores a provider's ULID (behaviour.md "MAS configuration", <c>upstream_oauth2.providers[].id</c>) as the
/// UUID with the same 16 bytes; <see cref="UlidUuid.IsValidUlid"/> is the strict text check.
/// </summary>
public sealed class UlidUuidTests
{
    [Theory]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEA", "0195329d-7ed9-a1bb-8469-638b2a57edca")]
    [InlineData("01HZEJN8FKH1C8S3VQ2J6N4PZD", "018fdd2a-a1f3-8858-8c8f-77148d525bed")]
    [InlineData("00000000000000000000000000", "00000000-0000-0000-0000-000000000000")]
    [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "ffffffff-ffff-ffff-ffff-ffffffffffff")]
    public void A_ulid_and_its_uuid_convert_both_ways(string ulid, string uuid)
    {
        Assert.True(UlidUuid.TryParseUlid(ulid, out var parsed));

        Assert.Equal(Guid.Parse(uuid), UlidUuid.ToUuid(parsed));
        Assert.Equal(ulid, UlidUuid.ToUlid(Guid.Parse(uuid)).ToString());
    }

    [Fact]
    public void TryParseUlid_reads_what_NUlid_reads_for_ordinary_ulids_in_either_case()
    {
        for (var i = 0; i < 100; i++)
        {
            var ulid = Ulid.NewUlid();

            Assert.True(UlidUuid.TryParseUlid(ulid.ToString(), out var upper));
            Assert.True(UlidUuid.TryParseUlid(ulid.ToString().ToLowerInvariant(), out var lower));
            Assert.Equal(ulid, upper);
            Assert.Equal(ulid, lower);
        }
    }

    [Fact]
    public void TryParseUlid_accepts_a_valid_ulid_whose_timestamp_is_past_the_year_9999()
    {
        // NUlid's own parser turns this one down; MAS accepts every 128-bit ULID.
        Assert.True(UlidUuid.TryParseUlid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", out var ulid));

        Assert.Equal(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), UlidUuid.ToUuid(ulid));
    }

    [Theory]
    [InlineData("")]
    [InlineData("81JMS9TZPSM6XR8TB3HCN5FVEA")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEO")]
    [InlineData("0195329d-7ed9-a1bb-8469-638b2a57edca")]
    public void TryParseUlid_rejects_invalid_text(string text)
    {
        Assert.False(UlidUuid.TryParseUlid(text, out var ulid));
        Assert.Equal(default, ulid);
    }

    [Fact]
    public void The_uuid_holds_the_same_sixteen_bytes_in_the_same_order()
    {
        var ulid = Ulid.Parse("01JMS9TZPSM6XR8TB3HCN5FVEA");

        Assert.Equal(ulid.ToByteArray(), UlidUuid.ToUuid(ulid).ToByteArray(bigEndian: true));
    }

    [Fact]
    public void Random_ulids_and_uuids_survive_a_round_trip()
    {
        for (var i = 0; i < 100; i++)
        {
            var ulid = Ulid.NewUlid();
            var uuid = Guid.NewGuid();

            Assert.Equal(ulid, UlidUuid.ToUlid(UlidUuid.ToUuid(ulid)));
            Assert.Equal(uuid, UlidUuid.ToUuid(UlidUuid.ToUlid(uuid)));
        }
    }

    [Theory]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEA")]
    [InlineData("01jms9tzpsm6xr8tb3hcn5fvea")]
    [InlineData("01Jms9TzPSM6xr8TB3hcn5FVea")]
    [InlineData("00000000000000000000000000")]
    [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public void IsValidUlid_accepts_26_crockford_characters_starting_with_0_to_7_in_either_case(string text)
    {
        Assert.True(UlidUuid.IsValidUlid(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVE")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEAA")]
    [InlineData("81JMS9TZPSM6XR8TB3HCN5FVEA")]
    [InlineData("Z1JMS9TZPSM6XR8TB3HCN5FVEA")]
    [InlineData("THISISAVERYLONGVALIDULID00")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEI")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEL")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEO")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEU")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEi")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVE-")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVE ")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVE\u017F")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVE\u0131")]
    [InlineData("0195329d-7ed9-a1bb-8469-638b2a57edca")]
    public void IsValidUlid_rejects_wrong_lengths_a_first_character_above_7_and_letters_outside_crockford_base32(string text)
    {
        Assert.False(UlidUuid.IsValidUlid(text));
    }
}

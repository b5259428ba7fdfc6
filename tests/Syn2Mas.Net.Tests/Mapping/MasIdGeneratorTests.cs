using Syn2Mas.Net.Identifiers;
using Syn2Mas.Net.Mapping;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>
/// Ids are ULIDs dated by the row's creation time (behaviour.md, "How rows are mapped"); the ones other
/// tables refer to are derived from natural keys under the run's secret key, so every pass agrees on them.
/// </summary>
public sealed class MasIdGeneratorTests
{
    private static readonly DateTimeOffset CreatedAt = new(2023, 11, 14, 22, 13, 20, 456, TimeSpan.Zero);
    private static readonly byte[] KeyA = [.. Enumerable.Range(0, 16).Select(value => (byte)value)];
    private static readonly byte[] KeyB = [.. Enumerable.Range(100, 16).Select(value => (byte)value)];

    public static TheoryData<string> IdKinds => ["user", "device-session", "deviceless-session", "access-token", "random"];

    [Theory]
    [MemberData(nameof(IdKinds))]
    public void Every_kind_of_id_carries_the_creation_time_in_its_ulid(string kind)
    {
        var generator = MasIdGenerator.CreateForRun();

        var id = Make(generator, kind, "@alice:example.com", CreatedAt);

        Assert.Equal(CreatedAt, UlidUuid.ToUlid(id).Time);
    }

    [Theory]
    [MemberData(nameof(IdKinds))]
    public void The_time_is_whole_milliseconds_and_a_time_before_1970_becomes_zero(string kind)
    {
        var generator = MasIdGenerator.CreateForRun();

        var submillisecond = Make(generator, kind, "@alice:example.com", CreatedAt.AddTicks(9_999));
        var before1970 = Make(generator, kind, "@alice:example.com", new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero));

        Assert.Equal(CreatedAt, UlidUuid.ToUlid(submillisecond).Time);
        Assert.Equal(DateTimeOffset.UnixEpoch, UlidUuid.ToUlid(before1970).Time);
    }

    [Fact]
    public void The_uuid_text_spells_the_ulid_bytes_in_order()
    {
        var id = MasIdGenerator.FromKey(KeyA).UserId("@alice:example.com", CreatedAt);

        // 1700000000456 ms = 0x018bcfe569c8: the first six bytes of the UUID as written by PostgreSQL.
        Assert.StartsWith("018bcfe5-69c8-", id.ToString("D"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_natural_key_gives_the_same_id_under_one_generator()
    {
        var generator = MasIdGenerator.CreateForRun();

        Assert.Equal(generator.UserId("@alice:example.com", CreatedAt), generator.UserId("@alice:example.com", CreatedAt));
        Assert.Equal(
            generator.CompatSessionId("@alice:example.com", "PHONE", CreatedAt),
            generator.CompatSessionId("@alice:example.com", "PHONE", CreatedAt));
        Assert.Equal(generator.DevicelessCompatSessionId(42, CreatedAt), generator.DevicelessCompatSessionId(42, CreatedAt));
        Assert.Equal(generator.CompatAccessTokenId(42, CreatedAt), generator.CompatAccessTokenId(42, CreatedAt));
    }

    [Fact]
    public void Two_generators_with_the_same_key_agree_so_ids_are_a_function_of_key_and_natural_key()
    {
        var first = MasIdGenerator.FromKey(KeyA);
        var second = MasIdGenerator.FromKey(KeyA);

        Assert.Equal(first.UserId("@alice:example.com", CreatedAt), second.UserId("@alice:example.com", CreatedAt));
        Assert.Equal(first.CompatAccessTokenId(7, CreatedAt), second.CompatAccessTokenId(7, CreatedAt));
    }

    [Theory]
    [MemberData(nameof(IdKinds))]
    public void Another_key_gives_another_id_for_the_same_natural_key(string kind)
    {
        var first = Make(MasIdGenerator.FromKey(KeyA), kind, "@alice:example.com", CreatedAt);
        var second = Make(MasIdGenerator.FromKey(KeyB), kind, "@alice:example.com", CreatedAt);
        var fresh = Make(MasIdGenerator.CreateForRun(), kind, "@alice:example.com", CreatedAt);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first, fresh);
        Assert.Equal(UlidUuid.ToUlid(first).Time, UlidUuid.ToUlid(second).Time);
    }

    [Fact]
    public void Two_users_created_in_the_same_millisecond_get_different_ids()
    {
        var generator = MasIdGenerator.CreateForRun();

        var alice = generator.UserId("@alice:example.com", CreatedAt);
        var bob = generator.UserId("@bob:example.com", CreatedAt);

        Assert.NotEqual(alice, bob);
        Assert.Equal(UlidUuid.ToUlid(alice).Time, UlidUuid.ToUlid(bob).Time);
    }

    [Fact]
    public void The_id_bits_do_not_depend_on_the_time_only_on_the_natural_key()
    {
        var generator = MasIdGenerator.FromKey(KeyA);

        var early = UlidUuid.ToUlid(generator.UserId("@alice:example.com", CreatedAt)).Random;
        var late = UlidUuid.ToUlid(generator.UserId("@alice:example.com", CreatedAt.AddDays(1))).Random;

        Assert.Equal(early, late);
    }

    [Fact]
    public void Natural_keys_of_different_kinds_do_not_collide()
    {
        var generator = MasIdGenerator.FromKey(KeyA);

        // One Synapse access token id makes both an access token and, when deviceless, a session.
        Assert.NotEqual(generator.CompatAccessTokenId(42, CreatedAt), generator.DevicelessCompatSessionId(42, CreatedAt));

        // A user id is not a session of that user with an empty device id.
        Assert.NotEqual(generator.UserId("@alice:example.com", CreatedAt), generator.CompatSessionId("@alice:example.com", "", CreatedAt));
    }

    [Fact]
    public void User_and_device_are_kept_apart_so_moving_characters_between_them_changes_the_id()
    {
        var generator = MasIdGenerator.FromKey(KeyA);

        Assert.NotEqual(
            generator.CompatSessionId("@a:example.com", "BC", CreatedAt),
            generator.CompatSessionId("@a:example.comB", "C", CreatedAt));
    }

    [Fact]
    public void Long_natural_keys_are_derived_like_short_ones()
    {
        var generator = MasIdGenerator.FromKey(KeyA);
        var longDevice = new string('D', 2_000);

        var first = generator.CompatSessionId("@alice:example.com", longDevice, CreatedAt);
        var second = generator.CompatSessionId("@alice:example.com", longDevice, CreatedAt);
        var other = generator.CompatSessionId("@alice:example.com", longDevice + "E", CreatedAt);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(CreatedAt, UlidUuid.ToUlid(first).Time);
    }

    [Fact]
    public void Random_ids_are_all_different_across_many_random_batches()
    {
        var generator = MasIdGenerator.CreateForRun();
        var ids = new HashSet<Guid>();

        for (var count = 0; count < 10_000; count++)
        {
            Assert.True(ids.Add(generator.NewId(CreatedAt)));
        }
    }

    [Fact]
    public void Random_ids_from_several_threads_are_all_different()
    {
        var generator = MasIdGenerator.CreateForRun();
        var batches = new Guid[4][];

        Parallel.For(0, batches.Length, batch =>
        {
            var ids = new Guid[5_000];
            for (var index = 0; index < ids.Length; index++)
            {
                ids[index] = generator.NewId(CreatedAt);
            }

            batches[batch] = ids;
        });

        var all = batches.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    private static Guid Make(MasIdGenerator generator, string kind, string userId, DateTimeOffset createdAt) => kind switch
    {
        "user" => generator.UserId(userId, createdAt),
        "device-session" => generator.CompatSessionId(userId, "PHONE", createdAt),
        "deviceless-session" => generator.DevicelessCompatSessionId(42, createdAt),
        "access-token" => generator.CompatAccessTokenId(42, createdAt),
        "random" => generator.NewId(createdAt),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

using System.Security.Cryptography;
using System.Text;
using Dapper;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Mas;

public sealed class MigrationLockTests
{
    [Fact]
    public void The_key_is_derived_from_the_name_as_sqlx_derives_it()
    {
        // The example sqlx documents for its derivation, so the recomputation is known to be sqlx's.
        Assert.Equal(-5560419505042474287, DeriveSqlxKey("my first Postgres advisory lock!"));

        Assert.Equal(MigrationLock.Key, DeriveSqlxKey(MigrationLock.Name));
    }

    [Fact]
    public async Task A_transaction_lock_excludes_other_sessions_until_the_transaction_ends()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();

        var transaction = await first.BeginTransactionAsync();
        Assert.True(await MigrationLock.TryAcquireAsync(first, transaction));
        Assert.True(await MigrationLock.IsHeldByAnotherAsync(second, transaction: null));
        Assert.False(await MigrationLock.IsHeldByAnotherAsync(first, transaction));
        Assert.False(await MigrationLock.TryAcquireAsync(second, transaction: null));

        await transaction.RollbackAsync();
        await transaction.DisposeAsync();

        Assert.False(await MigrationLock.IsHeldByAnotherAsync(second, transaction: null));
        Assert.True(await MigrationLock.TryAcquireAsync(second, transaction: null));
        Assert.True(await MigrationLock.IsHeldByAnotherAsync(first, transaction: null));
        Assert.True(await MigrationLock.ReleaseAsync(second));
        Assert.False(await MigrationLock.IsHeldByAnotherAsync(first, transaction: null));
    }

    [Fact]
    public async Task The_lock_is_per_database()
    {
        await using var one = await PostgresServer.CreateDatabaseAsync();
        await using var other = await PostgresServer.CreateDatabaseAsync();
        await using var holder = await one.OpenAsync();
        await using var elsewhere = await other.OpenAsync();

        Assert.True(await MigrationLock.TryAcquireAsync(holder, transaction: null));

        Assert.False(await MigrationLock.IsHeldByAnotherAsync(elsewhere, transaction: null));
        Assert.True(await MigrationLock.TryAcquireAsync(elsewhere, transaction: null));
    }

    [Fact]
    public async Task The_probe_finds_the_lock_under_its_bigint_key()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var holder = await database.OpenAsync();
        await using var observer = await database.OpenAsync();

        // Taken by the raw key, as another tool sharing it would.
        Assert.True(await holder.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@key)", new { key = MigrationLock.Key }));

        Assert.True(await MigrationLock.IsHeldByAnotherAsync(observer, transaction: null));
    }

    /// <summary>HKDF-SHA256 without salt, sqlx's info string, 8 bytes read little-endian.</summary>
    private static long DeriveSqlxKey(string name)
    {
        var bytes = HKDF.DeriveKey(
            HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(name), outputLength: 8, salt: [], info: Encoding.UTF8.GetBytes(MigrationLock.KeyDerivationInfo));
        return BitConverter.ToInt64(bytes);
    }
}

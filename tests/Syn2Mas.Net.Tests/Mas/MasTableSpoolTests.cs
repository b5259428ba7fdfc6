using System.Net;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Mas;

/// <summary>
/// The spool gives back, field for field, what <see cref="MasRowFields"/> put in, for every kind of value a
/// MAS row holds; the database round trip of every table is in the migration's own tests.
/// </summary>
public sealed class MasTableSpoolTests
{
    [Fact]
    public void Every_kind_of_field_comes_back_as_it_went_in_and_in_order()
    {
        var sessions = new[]
        {
            new MasCompatSession(
                Guid.NewGuid(), Guid.NewGuid(), "ABCDEFGHIJ", new DateTimeOffset(2020, 2, 29, 23, 59, 59, 999, TimeSpan.FromHours(5)).AddTicks(7),
                true, DateTimeOffset.UnixEpoch, IPAddress.Parse("203.0.113.7"), "Element X/25.01 (Pixel; Android 15)", "Téléphone 日本 📱"),
            new MasCompatSession(
                Guid.NewGuid(), Guid.NewGuid(), null, DateTimeOffset.MinValue.ToUniversalTime(),
                false, null, IPAddress.Parse("::ffff:192.0.2.1"), "", null),
            new MasCompatSession(
                Guid.Empty, Guid.NewGuid(), "", DateTimeOffset.MaxValue, false, null, IPAddress.Parse("2001:db8::1"), null, ""),
        };
        var password = new MasUserPassword(Guid.NewGuid(), Guid.NewGuid(), "$2b$12$" + new string('x', 53), DateTimeOffset.UtcNow, int.MaxValue);

        using var folder = new TempFolder();
        using var sessionSpool = MasTableSpool.Create(MasSchema.CompatSessions, folder.Path);
        using var passwordSpool = MasTableSpool.Create(MasSchema.UserPasswords, folder.Path);
        var expectedSessions = new RecordingSink();
        foreach (var session in sessions)
        {
            MasRowFields.Write(sessionSpool, session);
            MasRowFields.Write(expectedSessions, session);
        }

        var expectedPassword = new RecordingSink();
        MasRowFields.Write(passwordSpool, password);
        MasRowFields.Write(expectedPassword, password);

        var replayed = new RecordingSink();
        var rowsDone = new List<long>();
        sessionSpool.Replay(replayed, rowsDone.Add);
        Assert.Equal(expectedSessions.Fields, replayed.Fields);
        Assert.Equal([1L, 2L, 3L], rowsDone);
        Assert.Equal(3, sessionSpool.Rows);

        var replayedPassword = new RecordingSink();
        passwordSpool.Replay(replayedPassword, _ => { });
        Assert.Equal(expectedPassword.Fields, replayedPassword.Fields);
    }

    [Fact]
    public void Each_row_has_as_many_fields_as_its_table_has_columns()
    {
        // The replay reads a row as one field per column: a writer that sent one more or less would shift every
        // later row into the wrong columns.
        var rows = new (MasTable Table, Action<IMasRowSink> Write)[]
        {
            (MasSchema.Users, sink => MasRowFields.Write(sink, new MasUser(Guid.NewGuid(), "alice", DateTimeOffset.UtcNow, null, false, false, null))),
            (MasSchema.UserPasswords, sink => MasRowFields.Write(sink, new MasUserPassword(Guid.NewGuid(), Guid.NewGuid(), "hash", DateTimeOffset.UtcNow, 1))),
            (MasSchema.UserEmails, sink => MasRowFields.Write(sink, new MasUserEmail(Guid.NewGuid(), Guid.NewGuid(), "a@example.org", DateTimeOffset.UtcNow))),
            (MasSchema.UserUnsupportedThirdPartyIds, sink => MasRowFields.Write(sink, new MasUnsupportedThreepid(Guid.NewGuid(), "msisdn", "15550100", DateTimeOffset.UtcNow))),
            (MasSchema.UpstreamOauthLinks, sink => MasRowFields.Write(sink, new MasUpstreamOauthLink(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "sub", DateTimeOffset.UtcNow))),
            (MasSchema.CompatSessions, sink => MasRowFields.Write(sink, new MasCompatSession(Guid.NewGuid(), Guid.NewGuid(), "D", DateTimeOffset.UtcNow, false, null, null, null, null))),
            (MasSchema.CompatAccessTokens, sink => MasRowFields.Write(sink, new MasCompatAccessToken(Guid.NewGuid(), Guid.NewGuid(), "syt_x", DateTimeOffset.UtcNow, null))),
            (MasSchema.CompatRefreshTokens, sink => MasRowFields.Write(sink, new MasCompatRefreshToken(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "syr_x", DateTimeOffset.UtcNow))),
        };

        Assert.Equal(MasSchema.WrittenTables.Select(table => table.Name), rows.Select(row => row.Table.Name));
        foreach (var (table, write) in rows)
        {
            var sink = new RecordingSink();
            write(sink);
            Assert.True(table.Columns.Count == sink.Fields.Count - 1, $"{table.Name}: {sink.Fields.Count - 1} fields for {table.Columns.Count} columns");
        }
    }

    [Fact]
    public void The_file_is_unlinked_as_soon_as_it_is_open()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("On Windows the file is deleted when closed, not when opened; this test is for Unix.");
        }

        using var folder = new TempFolder();
        using var spool = MasTableSpool.Create(MasSchema.CompatAccessTokens, folder.Path);
        MasRowFields.Write(spool, new MasCompatAccessToken(Guid.NewGuid(), Guid.NewGuid(), "syt_secret", DateTimeOffset.UtcNow, null));

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
        var replayed = new RecordingSink();
        spool.Replay(replayed, _ => { });
        Assert.Contains("text syt_secret", replayed.Fields);
    }

    [Fact]
    public void A_folder_that_cannot_hold_the_file_is_named_in_a_one_line_error()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing");

        var error = Assert.Throws<MasWriterException>(() => MasTableSpool.Create(MasSchema.UserPasswords, missing));

        Assert.Contains("user_passwords", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("TMPDIR", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>Every field as text, with a marker per row, so that two sinks can be compared in one assertion.</summary>
    private sealed class RecordingSink : IMasRowSink
    {
        public List<string?> Fields { get; } = [];

        public void StartRow() => Fields.Add("<row>");

        public void Uuid(Guid? value) => Fields.Add(value is { } present ? "uuid " + present : null);

        public void Text(string? value) => Fields.Add(value is null ? null : "text " + value);

        public void Timestamp(DateTimeOffset? value) => Fields.Add(value is { } present ? "timestamp " + present.UtcTicks : null);

        public void Boolean(bool value) => Fields.Add("bool " + value);

        public void Int4(int value) => Fields.Add("int4 " + value);

        public void Inet(IPAddress? value) => Fields.Add(value is null ? null : "inet " + value);
    }
}

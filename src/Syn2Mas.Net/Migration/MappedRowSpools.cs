using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// The rows of every MAS table but <c>compat_sessions</c>, held in temporary files while Synapse is read
/// once; <c>compat_sessions</c>, the largest, is copied as it is read. Each spool is then copied on its own.
/// </summary>
internal sealed class MappedRowSpools : IDisposable
{
    private readonly MasTableSpool _users;
    private readonly MasTableSpool _passwords;
    private readonly MasTableSpool _emails;
    private readonly MasTableSpool _unsupportedThreepids;
    private readonly MasTableSpool _upstreamOauthLinks;
    private readonly MasTableSpool _accessTokens;
    private readonly MasTableSpool _refreshTokens;

    private MappedRowSpools(IReadOnlyList<MasTableSpool> all)
    {
        All = all;
        _users = all[0];
        _passwords = all[1];
        _emails = all[2];
        _unsupportedThreepids = all[3];
        _upstreamOauthLinks = all[4];
        _accessTokens = all[5];
        _refreshTokens = all[6];
    }

    /// <summary>The table copied while Synapse is read; every other written table has a spool.</summary>
    public static MasTable StreamedTable => MasSchema.CompatSessions;

    /// <summary>The spools, in the order of <see cref="MasSchema.WrittenTables"/>.</summary>
    public IReadOnlyList<MasTableSpool> All { get; }

    /// <exception cref="MasWriterException">A file cannot be created in <paramref name="directory"/>.</exception>
    public static MappedRowSpools Create(string directory)
    {
        var spools = new List<MasTableSpool>();
        try
        {
            foreach (var table in MasSchema.WrittenTables)
            {
                if (table != StreamedTable)
                {
                    spools.Add(MasTableSpool.Create(table, directory));
                }
            }

            return new MappedRowSpools(spools);
        }
        catch
        {
            spools.ForEach(spool => spool.Dispose());
            throw;
        }
    }

    /// <summary>Spools the user's rows of every table but the streamed one.</summary>
    /// <exception cref="MasWriterException">A file could not be written (the disk is full).</exception>
    public void Add(MappedUser user)
    {
        var current = _users;
        try
        {
            if (user.User is { } row)
            {
                MasRowFields.Write(_users, row);
            }

            current = _passwords;
            if (user.Password is { } password)
            {
                MasRowFields.Write(_passwords, password);
            }

            current = _emails;
            var emails = user.Emails;
            for (var i = 0; i < emails.Count; i++)
            {
                MasRowFields.Write(_emails, emails[i]);
            }

            current = _unsupportedThreepids;
            var threepids = user.UnsupportedThreepids;
            for (var i = 0; i < threepids.Count; i++)
            {
                MasRowFields.Write(_unsupportedThreepids, threepids[i]);
            }

            current = _upstreamOauthLinks;
            var links = user.UpstreamOauthLinks;
            for (var i = 0; i < links.Count; i++)
            {
                MasRowFields.Write(_upstreamOauthLinks, links[i]);
            }

            current = _accessTokens;
            var accessTokens = user.CompatAccessTokens;
            for (var i = 0; i < accessTokens.Count; i++)
            {
                MasRowFields.Write(_accessTokens, accessTokens[i]);
            }

            current = _refreshTokens;
            var refreshTokens = user.CompatRefreshTokens;
            for (var i = 0; i < refreshTokens.Count; i++)
            {
                MasRowFields.Write(_refreshTokens, refreshTokens[i]);
            }
        }
        catch (IOException exception)
        {
            throw current.WriteFailure(exception);
        }
    }

    public void Dispose()
    {
        foreach (var spool in All)
        {
            spool.Dispose();
        }
    }
}

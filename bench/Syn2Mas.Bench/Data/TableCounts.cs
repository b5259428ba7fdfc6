using System.Globalization;
using Syn2Mas.Bench.Data.Rows;

namespace Syn2Mas.Bench.Data;

/// <summary>Counts the rows on their way to the real sink, for the progress lines and the closing summary.</summary>
internal sealed class TableCounts(ISynapseRowSink inner) : ISynapseRowSink
{
    public long Users { get; private set; }

    public long Threepids { get; private set; }

    public long ExternalIds { get; private set; }

    public long Devices { get; private set; }

    public long AccessTokens { get; private set; }

    public long RefreshTokens { get; private set; }

    public long Total => Users + Threepids + ExternalIds + Devices + AccessTokens + RefreshTokens;

    public void WriteUser(in UserRow row)
    {
        inner.WriteUser(row);
        Users++;
    }

    public void WriteThreepid(in ThreepidRow row)
    {
        inner.WriteThreepid(row);
        Threepids++;
    }

    public void WriteExternalId(in ExternalIdRow row)
    {
        inner.WriteExternalId(row);
        ExternalIds++;
    }

    public void WriteDevice(in DeviceRow row)
    {
        inner.WriteDevice(row);
        Devices++;
    }

    public void WriteAccessToken(in AccessTokenRow row)
    {
        inner.WriteAccessToken(row);
        AccessTokens++;
    }

    public void WriteRefreshToken(in RefreshTokenRow row)
    {
        inner.WriteRefreshToken(row);
        RefreshTokens++;
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"users {Users:N0}, user_threepids {Threepids:N0}, user_external_ids {ExternalIds:N0}, devices {Devices:N0}, access_tokens {AccessTokens:N0}, refresh_tokens {RefreshTokens:N0}");
}

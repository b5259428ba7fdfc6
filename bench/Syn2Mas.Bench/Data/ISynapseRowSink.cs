using Syn2Mas.Bench.Data.Rows;

namespace Syn2Mas.Bench.Data;

/// <summary>
/// Where generated rows go. The row methods are synchronous on purpose: they run tens of millions of
/// times and only buffer (a COPY stream, a prepared statement), so an await per row would cost more
/// than the work it wraps.
/// </summary>
internal interface ISynapseRowSink
{
    void WriteUser(in UserRow row);

    void WriteThreepid(in ThreepidRow row);

    void WriteExternalId(in ExternalIdRow row);

    void WriteDevice(in DeviceRow row);

    void WriteAccessToken(in AccessTokenRow row);

    void WriteRefreshToken(in RefreshTokenRow row);
}

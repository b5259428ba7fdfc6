using System.Net;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// Where a MAS row's fields go, in column order: straight into a binary COPY (<see cref="ImporterRowSink"/>)
/// or into a spool file that is copied later (<see cref="MasTableSpool"/>). <see cref="MasRowFields"/> says
/// once per table which field is which, whatever the destination.
/// </summary>
internal interface IMasRowSink
{
    void StartRow();

    void Uuid(Guid? value);

    void Text(string? value);

    void Timestamp(DateTimeOffset? value);

    void Boolean(bool value);

    void Int4(int value);

    void Inet(IPAddress? value);
}

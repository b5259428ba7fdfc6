using System.Net;
using Npgsql;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// One binary COPY into a MAS table, fed by whoever holds it: begun by <see cref="MasWriter.BeginCopyAsync"/>,
/// written row by row through <see cref="IMasRowSink"/> (<see cref="MasRowFields"/> knows each table's
/// fields), then <see cref="CompleteAsync"/>. Disposed without completing, the COPY is cancelled and the
/// MAS transaction can only be rolled back.
/// </summary>
/// <remarks>
/// Every failure thrown from here is MAS's own, as a <see cref="MasWriterException"/> naming the table: the
/// rows' source is the caller's business and its failures never pass through this type.
/// </remarks>
internal sealed class MasTableCopy : IMasRowSink, IAsyncDisposable
{
    private readonly NpgsqlBinaryImporter _importer;
    private readonly ImporterRowSink _sink;
    private readonly MasTable _table;
    private readonly int _progressInterval;
    private readonly Action<MasWriterEvent> _report;
    private readonly Func<MasTable, long, Exception, MasWriterException> _failed;
    private readonly Action<bool> _ended;
    private bool _completed;
    private bool _finished;

    internal MasTableCopy(
        NpgsqlBinaryImporter importer,
        MasTable table,
        int progressInterval,
        Action<MasWriterEvent> report,
        Func<MasTable, long, Exception, MasWriterException> failed,
        Action<bool> ended)
    {
        _importer = importer;
        _sink = new ImporterRowSink(importer);
        _table = table;
        _progressInterval = progressInterval;
        _report = report;
        _failed = failed;
        _ended = ended;
    }

    public MasTable Table => _table;

    /// <summary>Rows started so far.</summary>
    public long Rows { get; private set; }

    public void StartRow()
    {
        if (Rows > 0 && Rows % _progressInterval == 0)
        {
            _report(MasWriterEvent.Copying(_table.Name, Rows));
        }

        Rows++;
        try
        {
            _sink.StartRow();
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    public void Uuid(Guid? value)
    {
        try
        {
            _sink.Uuid(value);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    public void Text(string? value)
    {
        try
        {
            _sink.Text(value);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    public void Timestamp(DateTimeOffset? value)
    {
        try
        {
            _sink.Timestamp(value);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    public void Boolean(bool value)
    {
        try
        {
            _sink.Boolean(value);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    public void Int4(int value)
    {
        try
        {
            _sink.Int4(value);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    public void Inet(IPAddress? value)
    {
        try
        {
            _sink.Inet(value);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    /// <summary>Ends the COPY; PostgreSQL checks the rows' types here, not their constraints (those are rebuilt later).</summary>
    /// <returns>The rows PostgreSQL took.</returns>
    public async Task<long> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        ulong written;
        try
        {
            written = await _importer.CompleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Fail(exception);
        }

        _completed = true;
        _report(MasWriterEvent.Copying(_table.Name, (long)written));
        await EndAsync();
        return (long)written;
    }

    /// <summary>Cancels the COPY unless it was completed; the transaction is then failed.</summary>
    public async ValueTask DisposeAsync() => await EndAsync();

    private async Task EndAsync()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        try
        {
            await _importer.DisposeAsync();
        }
        catch (Exception exception) when (!_completed && exception is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            // Cancelling failed too; the error already on its way says what went wrong, this one only that
            // the connection is in no state to say more.
        }
        finally
        {
            _ended(_completed);
        }
    }

    private MasWriterException Fail(Exception exception) =>
        exception as MasWriterException ?? _failed(_table, Rows, exception);
}

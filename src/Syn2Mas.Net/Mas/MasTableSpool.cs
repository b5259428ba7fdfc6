using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// The rows of one MAS table, kept in a temporary file while Synapse is read once, then handed to the COPY
/// of that table. PostgreSQL runs one COPY at a time on the migration's one connection, so every table but
/// the one being copied waits here instead of costing another full read of Synapse.
/// </summary>
/// <remarks>
/// The file holds password hashes and tokens, so it is created readable by its owner only and, on Unix,
/// unlinked as soon as it is open: nothing is left behind even when the process is killed, and no other
/// process can open it by name. Fields are tagged with their type, so that replaying them into a COPY needs
/// no knowledge of the table; values are kept as they will be encoded (UTC ticks, address bytes).
/// </remarks>
internal sealed class MasTableSpool : IMasRowSink, IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly FileStream _file;
    private readonly BinaryWriter _writer;
    // Room for the largest field: a length byte and an IPv6 address.
    private readonly byte[] _scratch = new byte[17];

    private MasTableSpool(MasTable table, FileStream file, string directory)
    {
        Table = table;
        Directory = directory;
        _file = file;
        _writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
    }

    public MasTable Table { get; }

    /// <summary>The folder the file was made in, for messages: the temporary folder unless configured otherwise.</summary>
    public string Directory { get; }

    public long Rows { get; private set; }

    /// <exception cref="MasWriterException">The file cannot be created.</exception>
    public static MasTableSpool Create(MasTable table, string directory)
    {
        var path = Path.Combine(directory, $"syn2mas-net-{table.Name}-{Guid.NewGuid():N}.spool");
        FileStream file;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                BufferSize = BufferSize,
                Options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            file = new FileStream(path, options);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MasWriterException(Failure(table, directory, "cannot create a temporary file", exception), exception);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The open handle keeps the data; the name goes now, so a kill cannot leave secrets on disk.
            File.Delete(path);
        }

        return new MasTableSpool(table, file, directory);
    }

    public void StartRow() => Rows++;

    public void Uuid(Guid? value)
    {
        if (value is not { } present)
        {
            Tag(SpoolField.Null);
            return;
        }

        Tag(SpoolField.Uuid);
        present.TryWriteBytes(_scratch);
        Write(_scratch.AsSpan(0, 16));
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Tag(SpoolField.Null);
            return;
        }

        Tag(SpoolField.Text);
        _writer.Write(value);
    }

    public void Timestamp(DateTimeOffset? value)
    {
        if (value is not { } present)
        {
            Tag(SpoolField.Null);
            return;
        }

        Tag(SpoolField.Timestamp);
        BinaryPrimitives.WriteInt64LittleEndian(_scratch, present.UtcTicks);
        Write(_scratch.AsSpan(0, 8));
    }

    public void Boolean(bool value) => Tag(value ? SpoolField.True : SpoolField.False);

    public void Int4(int value)
    {
        Tag(SpoolField.Int4);
        BinaryPrimitives.WriteInt32LittleEndian(_scratch, value);
        Write(_scratch.AsSpan(0, 4));
    }

    public void Inet(IPAddress? value)
    {
        if (value is null)
        {
            Tag(SpoolField.Null);
            return;
        }

        Tag(SpoolField.Inet);
        value.TryWriteBytes(_scratch.AsSpan(1), out var length);
        _scratch[0] = (byte)length;
        Write(_scratch.AsSpan(0, length + 1));
    }

    /// <summary>
    /// Sends every spooled row, in the order written, to <paramref name="sink"/>; <paramref name="rowDone"/>
    /// is called after each, for progress and cancellation.
    /// </summary>
    /// <exception cref="MasWriterException">The file could not be read back.</exception>
    public void Replay(IMasRowSink sink, Action<long> rowDone)
    {
        try
        {
            _writer.Flush();
            _file.Position = 0;
            using var reader = new BinaryReader(_file, Encoding.UTF8, leaveOpen: true);
            var fields = Table.Columns.Count;
            for (var row = 1L; row <= Rows; row++)
            {
                sink.StartRow();
                for (var field = 0; field < fields; field++)
                {
                    ReplayField(reader, sink);
                }

                rowDone(row);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MasWriterException(Failure(Table, Directory, "cannot read back its temporary file", exception), exception);
        }
    }

    public void Dispose()
    {
        // Closing flushes what is still buffered, which fails again on a full disk; the rows are thrown
        // away anyway, and the error that says why (the full folder) must not be replaced by this one.
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
        }

        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
        }
    }

    private static void ReplayField(BinaryReader reader, IMasRowSink sink)
    {
        var tag = (SpoolField)reader.ReadByte();
        switch (tag)
        {
            case SpoolField.Null:
                // Any nullable column takes NULL through any of its typed writers; Text is as good as another.
                sink.Text(null);
                break;
            case SpoolField.Uuid:
                Span<byte> uuid = stackalloc byte[16];
                reader.ReadExactly(uuid);
                sink.Uuid(new Guid(uuid));
                break;
            case SpoolField.Text:
                sink.Text(reader.ReadString());
                break;
            case SpoolField.Timestamp:
                sink.Timestamp(new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
                break;
            case SpoolField.False:
                sink.Boolean(false);
                break;
            case SpoolField.True:
                sink.Boolean(true);
                break;
            case SpoolField.Int4:
                sink.Int4(reader.ReadInt32());
                break;
            case SpoolField.Inet:
                Span<byte> address = stackalloc byte[16];
                var length = reader.ReadByte();
                reader.ReadExactly(address[..length]);
                sink.Inet(new IPAddress(address[..length]));
                break;
            default:
                throw new IOException($"unknown field tag {(byte)tag}: the file was changed while the migration ran");
        }
    }

    /// <summary>The error for a write that failed (the disk is full, most likely), naming this table and folder.</summary>
    public MasWriterException WriteFailure(Exception exception) =>
        new(Failure(Table, Directory, "cannot write its temporary file", exception), exception);

    private static string Failure(MasTable table, string directory, string what, Exception exception) =>
        $"holding the {table.Name} rows for their COPY {what} in {directory} ({exception.Message.ReplaceLineEndings(" ")}); "
        + "point TMPDIR at a local folder with free space (about 0.5 GB per million users), and run the migration again";

    private void Tag(SpoolField tag) => _writer.Write((byte)tag);

    private void Write(ReadOnlySpan<byte> bytes) => _writer.Write(bytes);
}

using System.Buffers.Binary;
using System.Text.Json;

namespace QuantDsl.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header
/// <c>{name: {dtype, shape, data_offsets}, "__metadata__": {…}}</c>, then one byte buffer) for float32 tensors.
/// Reading validates the whole header against the file's real length before allocating any tensor, so a hostile
/// header (huge sizes, overlapping or out-of-range offsets, unknown dtypes) is rejected without large allocations;
/// writing goes to a temporary file in the same folder and is renamed over the target only when complete.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (the format's reference implementation uses 100 MB as well).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="NonFiniteValueException">A tensor holds NaN or ±∞; nothing was written.</exception>
    public static void Write(string path, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var tensor in tensors)
        {
            int bad = Kernels.Simd.Int8Simd.CountNonFinite(tensor.Data);
            if (bad != 0)
            {
                throw new NonFiniteValueException($"Tensor '{tensor.Name}' holds {bad} NaN/∞ values; the checkpoint {path} was not written.");
            }
        }

        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += (long)tensor.Data.Length * sizeof(float);
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        // Pad the header with spaces to a multiple of 8 so that the buffer is aligned, as the reference writer does.
        int padding = (int)((8 - (headerStream.Length % 8)) % 8);
        for (int i = 0; i < padding; i++)
        {
            headerStream.WriteByte((byte)' ');
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerStream.Length);
                file.Write(length);
                headerStream.Position = 0;
                headerStream.CopyTo(file);
                foreach (var tensor in tensors)
                {
                    var bytes = new byte[tensor.Data.Length * sizeof(float)];
                    for (int i = 0; i < tensor.Data.Length; i++)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), tensor.Data[i]);
                    }

                    file.Write(bytes);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads and fully validates <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointFormatException">The file is truncated, malformed or hostile.</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = file.Length;
        if (length < 8)
        {
            throw new CheckpointFormatException($"{path}: {length} bytes is too short for a safetensors file (8-byte header length missing).");
        }

        Span<byte> prefix = stackalloc byte[8];
        file.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(length - 8))
        {
            throw new CheckpointFormatException(
                $"{path}: the header claims {headerLength} bytes but the file has {length - 8} after the length field (limit {MaxHeaderBytes}); the file is truncated or corrupt.");
        }

        var header = new byte[headerLength];
        file.ReadExactly(header);
        long bufferLength = length - 8 - (long)headerLength;
        List<HeaderEntry> entries;
        Dictionary<string, string> metadata;
        try
        {
            entries = ParseHeader(path, header, bufferLength, out metadata);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // Malformed UTF-8 and numbers that do not fit surface from System.Text.Json as these types.
            throw new CheckpointFormatException($"{path}: the header is malformed ({error.Message}).", error);
        }

        var tensors = new List<NamedTensor>(entries.Count);
        foreach (var entry in entries)
        {
            var bytes = new byte[entry.End - entry.Begin];
            file.Position = 8 + (long)headerLength + entry.Begin;
            file.ReadExactly(bytes);
            var data = new float[bytes.Length / sizeof(float)];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }

            tensors.Add(new NamedTensor(entry.Name, entry.Shape, data));
        }

        return new SafeTensorsFile(tensors, metadata);
    }

    private static List<HeaderEntry> ParseHeader(string path, byte[] header, long bufferLength, out Dictionary<string, string> metadata)
    {
        metadata = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException error)
        {
            throw new CheckpointFormatException($"{path}: the header is not valid JSON ({error.Message}).", error);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointFormatException($"{path}: the header must be a JSON object, not {document.RootElement.ValueKind}.");
            }

            var entries = new List<HeaderEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new CheckpointFormatException($"{path}: the header names '{property.Name}' twice.");
                }

                if (property.Name == "__metadata__")
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }

                entries.Add(ReadEntry(path, property.Name, property.Value, bufferLength));
            }

            // The buffer must be covered exactly: sorted by start, each tensor begins where the previous ends.
            entries.Sort((a, b) => a.Begin.CompareTo(b.Begin));
            long expected = 0;
            foreach (var entry in entries)
            {
                if (entry.Begin != expected)
                {
                    throw new CheckpointFormatException(
                        $"{path}: tensor '{entry.Name}' starts at byte {entry.Begin} of the data but {expected} was expected: tensors overlap or leave a gap.");
                }

                expected = entry.End;
            }

            if (expected != bufferLength)
            {
                throw new CheckpointFormatException(
                    $"{path}: the tensors cover {expected} bytes but the data holds {bufferLength}: the file is truncated or has trailing bytes.");
            }

            return entries;
        }
    }

    private static void ReadMetadata(string path, JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CheckpointFormatException($"{path}: __metadata__ must be an object of strings.");
        }

        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new CheckpointFormatException($"{path}: __metadata__['{item.Name}'] must be a string.");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static HeaderEntry ReadEntry(string path, string name, JsonElement element, long bufferLength)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !element.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array)
        {
            throw new CheckpointFormatException($"{path}: tensor '{name}' needs a string dtype, a shape array and a data_offsets array.");
        }

        if (dtype.GetString() != "F32")
        {
            throw new CheckpointFormatException($"{path}: tensor '{name}' has dtype {dtype.GetString()}; this reader accepts F32 only.");
        }

        var dimensions = new List<int>();
        long elements = 1;
        foreach (var dimension in shape.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out int size) || size < 0)
            {
                throw new CheckpointFormatException($"{path}: tensor '{name}' has a shape entry {dimension} that is not a non-negative 32-bit integer.");
            }

            dimensions.Add(size);
            elements *= size;
            if (elements > bufferLength / sizeof(float) + 1 || elements > int.MaxValue)
            {
                throw new CheckpointFormatException($"{path}: tensor '{name}' has shape [{string.Join(", ", dimensions)}…], larger than the file's {bufferLength} data bytes.");
            }
        }

        if (offsets.GetArrayLength() != 2
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end)
            || begin < 0 || end < begin || end > bufferLength)
        {
            throw new CheckpointFormatException(
                $"{path}: tensor '{name}' has data_offsets {offsets} outside the {bufferLength} data bytes (two integers 0 ≤ begin ≤ end ≤ {bufferLength} expected).");
        }

        if (end - begin != elements * sizeof(float))
        {
            throw new CheckpointFormatException(
                $"{path}: tensor '{name}' of shape [{string.Join(", ", dimensions)}] needs {elements * sizeof(float)} bytes of F32 but its offsets span {end - begin}.");
        }

        return new HeaderEntry(name, [.. dimensions], begin, end);
    }

    private sealed record HeaderEntry(string Name, int[] Shape, long Begin, long End);
}

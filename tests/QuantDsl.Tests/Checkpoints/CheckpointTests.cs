using System.Buffers.Binary;
using System.Text;
using QuantDsl.Checkpoints;
using QuantDsl.Tests.Packaging;
using QuantDsl.Tests.Training;
using QuantDsl.Training;

namespace QuantDsl.Tests.Checkpoints;

/// <summary>Safetensors checkpoints: round trip, and rejection of truncated, mismatched, hostile and mutated files.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly TemporaryFolder folder = new("quantdsl-checkpoint");

    [Fact]
    public void Model_and_optimizer_round_trip_bit_for_bit()
    {
        using var model = TinyModels.FullPrecision(seed: 1);
        var optimizer = TrainOneStep(model);
        string path = Path.Combine(folder.FullPath, "model.safetensors");
        Checkpoint.Save(path, model, optimizer, new Dictionary<string, string> { ["note"] = "test" });

        using var restored = TinyModels.FullPrecision(seed: 2);
        var restoredOptimizer = new AdamW(restored.Parameters);
        var metadata = Checkpoint.Load(path, restored, restoredOptimizer);

        Assert.Equal("test", metadata["note"]);
        Assert.Equal(optimizer.Step, restoredOptimizer.Step);
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            Assert.Equal(model.Parameters[i].Parameter.Value.ToArray(), restored.Parameters[i].Parameter.Value.ToArray());
            Assert.Equal(optimizer.FirstMoments[i].ToArray(), restoredOptimizer.FirstMoments[i].ToArray());
            Assert.Equal(optimizer.SecondMoments[i].ToArray(), restoredOptimizer.SecondMoments[i].ToArray());
        }

        Assert.Empty(Directory.GetFiles(folder.FullPath, "*.tmp"));
    }

    [Fact]
    public void A_model_of_another_shape_is_rejected_naming_the_tensor_and_both_shapes()
    {
        using var model = TinyModels.FullPrecision();
        string path = Save(model);
        using var wider = new TinyGpt(TinyModels.Config with { Width = 12 }, (_, i, o, b, s) => new FullPrecisionLinear(i, o, b, s), 3);
        var before = Snapshot(wider);

        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path, wider, null));

        Assert.Contains("tok_emb", error.Message, StringComparison.Ordinal);
        Assert.Contains("[7, 8]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[7, 12]", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(wider));
    }

    [Fact]
    public void Truncated_files_are_rejected_and_leave_the_model_untouched()
    {
        using var model = TinyModels.FullPrecision();
        byte[] bytes = File.ReadAllBytes(Save(model));
        using var target = TinyModels.FullPrecision(seed: 9);
        var before = Snapshot(target);
        foreach (int length in new[] { 0, 7, 8, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            string path = Write(bytes.AsSpan(0, length).ToArray());
            Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path, target, null));
        }

        Assert.Equal(before, Snapshot(target));
    }

    [Theory]
    [InlineData("huge header length")]
    [InlineData("bad dtype")]
    [InlineData("offsets out of range")]
    [InlineData("overlapping offsets")]
    [InlineData("huge shape")]
    [InlineData("negative dimension")]
    [InlineData("missing tensor")]
    [InlineData("extra tensor")]
    [InlineData("not json")]
    [InlineData("nan value")]
    public void Hostile_headers_are_rejected_before_any_large_allocation(string attack)
    {
        using var model = TinyModels.FullPrecision();
        var tensors = model.Parameters.Select(p => new NamedTensor(p.Name, [.. p.Parameter.Value.Shape], p.Parameter.Value.ToArray())).ToList();
        byte[] valid = File.ReadAllBytes(Save(model));
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        string header = Encoding.UTF8.GetString(valid, 8, headerLength);
        byte[] file = attack switch
        {
            "huge header length" => WithLength(valid, ulong.MaxValue - 3),
            "bad dtype" => Rewrite(valid, header.Replace("\"F32\"", "\"Q7\"", StringComparison.Ordinal)),
            "offsets out of range" => Rewrite(valid, header.Replace("\"data_offsets\":[0,", "\"data_offsets\":[999999999999,", StringComparison.Ordinal)),
            "overlapping offsets" => Overlap(tensors),
            "huge shape" => Rewrite(valid, header.Replace("\"shape\":[7,8]", "\"shape\":[2147483647,2147483647]", StringComparison.Ordinal)),
            "negative dimension" => Rewrite(valid, header.Replace("\"shape\":[7,8]", "\"shape\":[-7,-8]", StringComparison.Ordinal)),
            "missing tensor" => File.ReadAllBytes(SaveTensors(tensors.Skip(1).ToList())),
            "extra tensor" => File.ReadAllBytes(SaveTensors([.. tensors, new NamedTensor("stowaway", [1], [1f])])),
            "not json" => Rewrite(valid, "{\"tok_emb\": [" + new string(' ', headerLength - 14)),
            _ => NanValue(valid, headerLength),
        };
        using var target = TinyModels.FullPrecision(seed: 9);
        var before = Snapshot(target);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(Write(file), target, null));

        Assert.Equal(before, Snapshot(target));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 16 * 1024 * 1024, "a hostile header caused a large allocation");
    }

    [Fact]
    public void Saving_refuses_non_finite_weights_and_keeps_the_previous_file()
    {
        using var model = TinyModels.FullPrecision();
        string path = Save(model);
        byte[] before = File.ReadAllBytes(path);
        model.Parameters[3].Parameter.Value.HostData[0] = float.PositiveInfinity;

        Assert.Throws<NonFiniteValueException>(() => Checkpoint.Save(path, model, null));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(folder.FullPath, "*.tmp"));
    }

    [Fact]
    public void Mutated_files_either_load_validated_data_or_throw_the_format_exception()
    {
        using var model = TinyModels.FullPrecision();
        byte[] valid = File.ReadAllBytes(Save(model));
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        var random = new Random(1234);
        using var target = TinyModels.FullPrecision(seed: 9);
        int rejected = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] mutated = (byte[])valid.Clone();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                // Mostly the header (where parsing decisions are made), sometimes the length field or the data.
                int position = random.Next(10) switch
                {
                    0 => random.Next(8),
                    1 => headerEnd + random.Next(valid.Length - headerEnd),
                    _ => 8 + random.Next(headerEnd - 8),
                };
                mutated[position] = random.Next(3) == 0 ? (byte)"0123456789[]{},:\"-"[random.Next(18)] : (byte)random.Next(256);
            }

            if (random.Next(8) == 0)
            {
                Array.Resize(ref mutated, random.Next(mutated.Length));
            }

            string path = Write(mutated);
            var before = Snapshot(target);
            try
            {
                Checkpoint.Load(path, target, null);
                Assert.All(target.Parameters, p => Assert.Equal(0, QuantDsl.Kernels.Simd.Int8Simd.CountNonFinite(p.Parameter.Value.HostData)));
            }
            catch (CheckpointFormatException)
            {
                rejected++;
                Assert.Equal(before, Snapshot(target));
            }
        }

        Assert.InRange(rejected, 150, 300);
    }

    public void Dispose() => folder.Dispose();

    private static AdamW TrainOneStep(TinyGpt model)
    {
        var optimizer = new AdamW(model.Parameters);
        var (tokens, targets) = TinyModels.Pattern(2, 6, 7);
        model.ZeroGrad();
        model.ForwardLoss(tokens, targets, 2, 6);
        model.Backward();
        optimizer.Update(1e-2f);
        return optimizer;
    }

    private static string Snapshot(TinyGpt model) =>
        string.Join(";", model.Parameters.Select(p => string.Join(",", p.Parameter.Value.ToArray().Select(v => BitConverter.SingleToInt32Bits(v)))));

    private static byte[] WithLength(byte[] valid, ulong length)
    {
        var copy = (byte[])valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
        return copy;
    }

    private static byte[] Rewrite(byte[] valid, string header)
    {
        int oldLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        var result = new byte[8 + headerBytes.Length + (valid.Length - 8 - oldLength)];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)headerBytes.Length);
        headerBytes.CopyTo(result, 8);
        valid.AsSpan(8 + oldLength).CopyTo(result.AsSpan(8 + headerBytes.Length));
        return result;
    }

    private static byte[] NanValue(byte[] valid, int headerLength)
    {
        var copy = (byte[])valid.Clone();
        BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(8 + headerLength), float.NaN);
        return copy;
    }

    private byte[] Overlap(List<NamedTensor> tensors)
    {
        // The second tensor's offsets moved onto the first one's bytes (sizes still consistent with its shape).
        byte[] valid = File.ReadAllBytes(SaveTensors(tensors));
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        string header = Encoding.UTF8.GetString(valid, 8, headerLength);
        int first = tensors[0].Data.Length * 4, second = tensors[1].Data.Length * 4;
        string moved = header.Replace($"\"data_offsets\":[{first},{first + second}]", $"\"data_offsets\":[0,{second}]", StringComparison.Ordinal);
        Assert.NotEqual(header, moved);
        return Rewrite(valid, moved);
    }

    private string Save(TinyGpt model)
    {
        string path = Path.Combine(folder.FullPath, $"m{Guid.NewGuid():N}.safetensors");
        Checkpoint.Save(path, model, null);
        return path;
    }

    private string SaveTensors(List<NamedTensor> tensors)
    {
        string path = Path.Combine(folder.FullPath, $"t{Guid.NewGuid():N}.safetensors");
        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["format"] = "quantdsl-tinygpt" });
        return path;
    }

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(folder.FullPath, $"x{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

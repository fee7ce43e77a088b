using System.Globalization;
using QuantDsl.Training;

namespace QuantDsl.Checkpoints;

/// <summary>
/// Saves and loads a <see cref="TinyGpt"/> (and optionally its <see cref="AdamW"/> state and step) as safetensors.
/// Loading validates the file, then every name and shape against the model, then that every value is finite, and
/// only then copies anything into the model: a bad file leaves the model untouched. Works for a model on any device:
/// saving copies the tensors to the host, loading validates on the host and then copies in.
/// </summary>
public static class Checkpoint
{
    private const string FirstMomentPrefix = "optimizer.m.";
    private const string SecondMomentPrefix = "optimizer.v.";

    /// <summary>Writes the model's parameters (and the optimizer's moments and step) to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, TinyGpt model, AdamW? optimizer, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new List<NamedTensor>();
        foreach (var p in model.Parameters)
        {
            tensors.Add(new NamedTensor(p.Name, [.. p.Parameter.Value.Shape], p.Parameter.Value.ToArray()));
        }

        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["format"] = "quantdsl-tinygpt",
            ["config"] = model.Config.ToString(),
        };
        if (optimizer is not null)
        {
            for (int i = 0; i < model.Parameters.Count; i++)
            {
                var p = model.Parameters[i];
                tensors.Add(new NamedTensor(FirstMomentPrefix + p.Name, [.. p.Parameter.Value.Shape], optimizer.FirstMoments[i].ToArray()));
                tensors.Add(new NamedTensor(SecondMomentPrefix + p.Name, [.. p.Parameter.Value.Shape], optimizer.SecondMoments[i].ToArray()));
            }

            meta["optimizer.step"] = optimizer.Step.ToString(CultureInfo.InvariantCulture);
        }

        SafeTensors.Write(path, tensors, meta);
    }

    /// <summary>Loads <paramref name="path"/> into the model (and optimizer); returns the file's metadata.</summary>
    /// <exception cref="CheckpointFormatException">The file is invalid or does not match; nothing was changed.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, TinyGpt model, AdamW? optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        var file = SafeTensors.Read(path);
        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            byName[tensor.Name] = tensor;
        }

        var expected = new List<(string Name, Tensor Target, Tensor? State)>();
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            var p = model.Parameters[i];
            expected.Add((p.Name, p.Parameter.Value, null));
            if (optimizer is not null)
            {
                expected.Add((FirstMomentPrefix + p.Name, p.Parameter.Value, optimizer.FirstMoments[i]));
                expected.Add((SecondMomentPrefix + p.Name, p.Parameter.Value, optimizer.SecondMoments[i]));
            }
        }

        int step = 0;
        if (optimizer is not null && (!file.Metadata.TryGetValue("optimizer.step", out string? stepText)
            || !int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step)))
        {
            throw new CheckpointFormatException($"{path}: the optimizer state was requested but the file has no valid optimizer.step.");
        }

        foreach (var (name, target, _) in expected)
        {
            if (!byName.TryGetValue(name, out var tensor))
            {
                throw new CheckpointFormatException($"{path}: tensor '{name}' of shape [{string.Join(", ", target.Shape)}] is missing.");
            }

            if (!tensor.Shape.SequenceEqual(target.Shape))
            {
                throw new CheckpointFormatException(
                    $"{path}: tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}] but the model expects [{string.Join(", ", target.Shape)}].");
            }

            int bad = Kernels.Simd.Int8Simd.CountNonFinite(tensor.Data);
            if (bad != 0)
            {
                throw new CheckpointFormatException($"{path}: tensor '{name}' holds {bad} NaN/∞ values.");
            }
        }

        var known = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var extra = file.Tensors.FirstOrDefault(t => !known.Contains(t.Name) && !(optimizer is null && IsOptimizerState(t.Name)));
        if (extra is not null)
        {
            throw new CheckpointFormatException($"{path}: tensor '{extra.Name}' is not part of this model.");
        }

        // Everything was checked on the host; the copies go to the model's device (parameters and moments alike).
        foreach (var (name, target, state) in expected)
        {
            (state ?? target).CopyFrom(byName[name].Data);
        }

        if (optimizer is not null)
        {
            optimizer.Step = step;
        }

        return file.Metadata;
    }

    private static bool IsOptimizerState(string name) =>
        name.StartsWith(FirstMomentPrefix, StringComparison.Ordinal) || name.StartsWith(SecondMomentPrefix, StringComparison.Ordinal);
}

using System.Diagnostics;
using QuantDsl;
using QuickStart;

QuickStartOptions options;
try
{
    options = QuickStartOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(QuickStartOptions.Usage);
    return 0;
}

using var device = options.OpenDevice();
Console.WriteLine($"QuantDsl quick start on {device}");
Console.WriteLine($"X: {options.Tokens} tokens × {options.InFeatures} features, {options.OutlierColumns} outlier columns at {options.OutlierScale}×; W: {options.OutFeatures} × {options.InFeatures}");

var clock = Stopwatch.StartNew();
Console.WriteLine("[1/4] building data and the fp32 reference ...");
var data = SyntheticLayer.Create(options);
using var llmInt8 = new OutlierProjection(options.InFeatures, options.OutFeatures, seed: options.Seed).To(device);
using var vectorWise = new VectorWiseProjection(options.InFeatures, options.OutFeatures, seed: options.Seed).To(device);
var weight = llmInt8.Weight.Value.ToArray();
var bias = llmInt8.Bias!.Value.ToArray();
var reference = data.Fp32Forward(weight, bias);
Console.WriteLine($"      done in {clock.Elapsed.TotalSeconds:F1} s");

Console.WriteLine("[2/4] forward: LLM.int8 and vector-wise int8 ...");
using var x = Tensor.FromArray(device, data.X, options.Tokens, options.InFeatures);
using (var warmUp = llmInt8.Forward(x))
using (var warmUpVectorWise = vectorWise.Forward(x))
{
    // First calls quantize the weights and, on an accelerator, compile the kernels.
}

clock.Restart();
using var yInt8 = llmInt8.Forward(x);
device.Synchronize();
double forwardMs = clock.Elapsed.TotalMilliseconds;
using var yVectorWise = vectorWise.Forward(x);
double llmInt8Error = SyntheticLayer.RelativeError(yInt8.ToArray(), reference);
double vectorWiseError = SyntheticLayer.RelativeError(yVectorWise.ToArray(), reference);

Console.WriteLine("[3/4] backward: dX against the dequantized weight, dW in fp32 ...");
var dyValues = new float[options.Tokens * options.OutFeatures];
var random = new Random(options.Seed + 1);
for (int i = 0; i < dyValues.Length; i++)
{
    dyValues[i] = (float)((random.NextDouble() * 2) - 1);
}

using var dy = Tensor.FromArray(device, dyValues, options.Tokens, options.OutFeatures);
clock.Restart();
using var dx = llmInt8.Backward(dy);
device.Synchronize();
double backwardMs = clock.Elapsed.TotalMilliseconds;
double weightGradientError = SyntheticLayer.RelativeError(llmInt8.Weight.Grad!.ToArray(), data.Fp32WeightGradient(dyValues));

Console.WriteLine("[4/4] results");
Console.WriteLine();
Console.WriteLine($"  {"policy",-62} relative error vs fp32");
Console.WriteLine($"  {vectorWise.Policy,-62} {vectorWiseError,10:P3}");
Console.WriteLine($"  {llmInt8.Policy,-62} {llmInt8Error,10:P3}");
Console.WriteLine();
Console.WriteLine($"  LLM.int8 is {vectorWiseError / llmInt8Error:F1}× closer to fp32 than vector-wise int8 on these activations.");
Console.WriteLine($"  Weight gradient (fp32 path) relative error: {weightGradientError:E2}");
Console.WriteLine($"  Forward {forwardMs:F1} ms, backward {backwardMs:F1} ms on {device.Kind} (one call each, after warm-up; not a benchmark).");
return 0;

using System.Diagnostics;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace Fluxion.GpuBenchmarks;

/// <summary>
/// The GPU benchmark of issue 10 (see benchmarks/README.md, "GPU"): elementwise JVP and VJP throughput as a fraction of
/// the memory-bandwidth roofline, the 784-256-256-10 training step, per-sample Jacobians of a 3 → 3 function, and the tensor sizes below which the CPU backend
/// is faster. Every figure is the best and the median of repeated runs after warm-ups, and every ratio is to a
/// baseline measured in the same process. Arguments: <c>--smoke</c> (tiny sizes, ILGPU's CPU accelerator when there is
/// no CUDA device: for trying the program without a GPU), <c>--bandwidth GB/s</c> (the device's peak memory bandwidth,
/// when the CUDA driver does not report its memory clock).
/// </summary>
public static class Program
{
    static bool smoke;

    /// <summary>Best and median of repeated timings, in seconds.</summary>
    readonly record struct Timing(double Best, double Median, int Runs);

    /// <summary>Runs <paramref name="run"/> warm-up times, then times it; each run ends by reading one element back
    /// (which waits for the device's stream) inside a tensor scope, so that device buffers are released every run.</summary>
    static Timing Time(Func<float> run, int warmups, int repeats)
    {
        for (int i = 0; i < warmups; i++)
        {
            using var scope = Tensor.Scope();
            run();
        }
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            using (Tensor.Scope())
                run();
            times[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return new Timing(times[0], times[repeats / 2], repeats);
    }

    static Timing Time(Func<double> run, int warmups, int repeats) => Time(() => (float)run(), warmups, repeats);

    static string Ms(double seconds) => (seconds * 1e3).ToString("0.000", CultureInfo.InvariantCulture);

    static void Line(string text) => Console.WriteLine(text);

    /// <summary>The peak memory bandwidth in bytes per second: the argument, else 2 × memory clock × bus width from the
    /// CUDA driver, else NaN (then only the measured streaming baseline is reported).</summary>
    static (double BytesPerSecond, string Source) PeakBandwidth(string[] args, Device device)
    {
        int at = Array.IndexOf(args, "--bandwidth");
        if (at >= 0 && at + 1 < args.Length)
            return (double.Parse(args[at + 1], CultureInfo.InvariantCulture) * 1e9, "--bandwidth argument");
        if (device.Kind != DeviceKind.Cuda)
            return (double.NaN, "none (not a CUDA device)");
        try
        {
            using var context = Context.Create(b => b.Cuda());
            var cuda = (CudaDevice)context.GetCudaDevices()[device.Index];
            if (cuda.MemoryClockRate > 0 && cuda.MemoryBusWidth > 0)
                return (2.0 * cuda.MemoryClockRate * 1e3 * (cuda.MemoryBusWidth / 8.0),
                    $"CUDA driver: memory clock {cuda.MemoryClockRate / 1e3:0} MHz, bus {cuda.MemoryBusWidth} bits, double data rate");
        }
        catch (Exception e)
        {
            return (double.NaN, $"none (the CUDA driver did not report it: {e.Message})");
        }
        return (double.NaN, "none (the CUDA driver reported no memory clock; pass --bandwidth GB/s)");
    }

    /// <summary>
    /// Elementwise JVP and VJP of tanh over n elements of <typeparamref name="T"/>: value and tangent (JVP) or value
    /// and cotangent (VJP) of x ↦ tanh(x). The roofline counts the bytes that must move at least: x and v (or u) read,
    /// the value and the tangent (or gradient) written, 4·n·sizeof(T); the same bytes over the time of a negation
    /// (n read, n written: the device's streaming speed measured here) gives the fraction of the measured baseline.
    /// </summary>
    static void Elementwise<T>(Device device, int n, double peak, int warmups, int repeats) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        int size = typeof(T) == typeof(double) ? 8 : 4;
        var random = new Random(10);
        Tensor<T> x, v;
        using (Device.Use(device))
        {
            x = Tensor.RandomNormal<T>(random, n);
            v = Tensor.RandomNormal<T>(random, n);
        }
        string type = typeof(T) == typeof(double) ? "float64" : "float32";
        var negate = Time(() => double.CreateTruncating((-x)[0]), warmups, repeats);
        var jvp = Time(() =>
        {
            var r = Tensor.Jvp(new Func<Tensor<T>, Tensor<T>>(Tensor.Tanh), x, v);
            return double.CreateTruncating(r.Tangent[n - 1]) + double.CreateTruncating(r.Value[0]);
        }, warmups, repeats);
        var vjp = Time(() =>
        {
            var r = Tensor.Vjp(new Func<Tensor<T>, Tensor<T>>(Tensor.Tanh), x, v);
            return double.CreateTruncating(r.Vjp[n - 1]) + double.CreateTruncating(r.Value[0]);
        }, warmups, repeats);
        double streaming = 2.0 * n * size / negate.Best;
        Line($"elementwise {type}, n = {n:N0}: negation (streaming baseline) best {Ms(negate.Best)} ms = {streaming / 1e9:0.0} GB/s"
             + (double.IsNaN(peak) ? "" : $" = {streaming / peak:P1} of peak"));
        foreach (var (name, t) in new[] { ("JVP tanh", jvp), ("VJP tanh", vjp) })
        {
            double bytes = 4.0 * n * size;
            double rate = bytes / t.Best;
            Line($"  {name}: best {Ms(t.Best)} ms, median {Ms(t.Median)} ms ({t.Runs} runs); {rate / 1e9:0.0} GB/s effective = "
                 + (double.IsNaN(peak) ? "" : $"{rate / peak:P1} of the roofline, ")
                 + $"{rate / streaming:P1} of the measured streaming baseline");
        }
    }

    /// <summary>One SGD step (momentum 0.9, learning rate 0.01) of a tanh perceptron (784-256-256-10 as
    /// benchmarks/NetworkBenchmarks.cs; smaller under --smoke) on a batch of float32 inputs, on the device and, as the
    /// baseline, on the CPU backend.</summary>
    static void TrainingStep(Device device, int[] layers, int batch, int warmups, int repeats)
    {
        Timing StepOn(Device d)
        {
            var random = new Random(5);
            MultilayerPerceptron<float> net;
            Tensor<float> x;
            using (Device.Use(d))
            {
                net = new MultilayerPerceptron<float>(layers, Activation.Tanh, random, Initialization.XavierUniform);
                x = Tensor.RandomNormal<float>(random, batch, layers[0]);
            }
            var sgd = new Sgd<float>(net.Parameters, learningRate: 0.01, momentum: 0.9);
            var labels = Enumerable.Range(0, batch).Select(_ => random.Next(layers[^1])).ToArray();
            return Time(() =>
            {
                var loss = Tensor.CrossEntropy(net.Forward(x), labels);
                sgd.Step(loss);
                return loss.ToScalar();
            }, warmups, repeats);
        }
        var onDevice = StepOn(device);
        var onCpu = StepOn(Device.Cpu);
        Line($"training step {string.Join("-", layers)} tanh, batch {batch}, float32, SGD momentum:");
        Line($"  {device.Name}: best {Ms(onDevice.Best)} ms, median {Ms(onDevice.Median)} ms; CPU backend: best {Ms(onCpu.Best)} ms, median {Ms(onCpu.Median)} ms; device / CPU = {onDevice.Best / onCpu.Best:0.00}");
    }

    /// <summary>The JVP of tanh at growing sizes on the CPU backend and on the device: where the CPU is faster.</summary>
    static void SmallTensors(Device device, int[] sizes, int warmups, int repeats)
    {
        Line("small tensors, JVP of tanh, float32 (best of the repeats; device / CPU < 1: the device is faster):");
        foreach (int n in sizes)
        {
            double Best(Device d)
            {
                var random = new Random(3);
                Tensor<float> x, v;
                using (Device.Use(d))
                {
                    x = Tensor.RandomNormal<float>(random, n);
                    v = Tensor.RandomNormal<float>(random, n);
                }
                return Time(() => Tensor.Jvp(new Func<Tensor<float>, Tensor<float>>(Tensor.Tanh), x, v).Tangent[n - 1], warmups, repeats).Best;
            }
            double gpu = Best(device), cpu = Best(Device.Cpu);
            Line($"  n = {n,12:N0}: {device.Name} {Ms(gpu)} ms, CPU {Ms(cpu)} ms, device / CPU = {gpu / cpu:0.00} ({(gpu < cpu ? "device" : "CPU")} faster)");
        }
    }

    /// <summary>A 3 → 3 function for the batched Jacobian: a rotation-like field with products and transcendental terms.</summary>
    struct Field : IPointFunction
    {
        public static int Inputs => 3;
        public static int Outputs => 3;

        public static void Evaluate<T, TX, TY>(in TX x, ref TY y)
            where T : System.Numerics.IFloatingPointIeee754<T>
            where TX : struct, IPointInput<T>
            where TY : struct, IPointOutput<T>
        {
            T a = x[0], b = x[1], c = x[2];
            y[0] = T.Sin(a) * b + c;
            y[1] = T.Exp(b * c) - a * a;
            y[2] = T.Tanh(a + b) * c;
        }
    }

    /// <summary>Per-sample Jacobians (3 × 3) of <see cref="Field"/> over n float32 points, on the device and on the
    /// CPU (both cores) as the baseline; the device result is compared with the CPU's before anything is reported.</summary>
    static void BatchedJacobian(Device device, int n, int warmups, int repeats)
    {
        var random = new Random(7);
        var points = new float[3 * n];
        for (int i = 0; i < points.Length; i++) points[i] = (float)(2 * random.NextDouble() - 1);
        var check = Batched<Field>.Jacobian(points, device).Jacobians;
        var reference = Batched<Field>.Jacobian(points, Device.Cpu).Jacobians;
        double worst = 0;
        for (int i = 0; i < check.Length; i++)
            worst = Math.Max(worst, Math.Abs(check[i] - reference[i]) / Math.Max(1.0, Math.Abs(reference[i])));
        var onDevice = Time(() => Batched<Field>.Jacobian(points, device).Jacobians[0], warmups, repeats);
        var onCpu = Time(() => Batched<Field>.Jacobian(points, Device.Cpu).Jacobians[0], warmups, repeats);
        Line($"batched Jacobian of a 3 → 3 function, n = {n:N0} float32 points (host arrays in and out; largest relative difference device/CPU {worst:E1}):");
        Line($"  {device.Name}: best {Ms(onDevice.Best)} ms = {n / onDevice.Best / 1e6:0.0} M points/s; CPU: best {Ms(onCpu.Best)} ms = {n / onCpu.Best / 1e6:0.0} M points/s; device / CPU time = {onDevice.Best / onCpu.Best:0.00}");
    }

    /// <summary>Runs every case; exit code 2 when there is no CUDA device and --smoke was not given.</summary>
    public static int Main(string[] args)
    {
        smoke = args.Contains("--smoke");
        int cudaCount = Device.CudaDeviceCount;
        if (cudaCount == 0 && !smoke)
        {
            Console.Error.WriteLine("No CUDA device found. This benchmark measures a GPU; run it with --smoke to try it on ILGPU's CPU accelerator with tiny sizes.");
            return 2;
        }
        var device = cudaCount > 0 ? Device.Cuda(0) : Device.IlgpuCpu;
        var (peak, source) = PeakBandwidth(args, device);
        Line($"Fluxion GPU benchmark{(smoke ? " (--smoke: tiny sizes, figures mean nothing)" : "")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line($"device: {device.Name}; .NET {Environment.Version}; peak bandwidth: "
             + (double.IsNaN(peak) ? source : $"{peak / 1e9:0} GB/s ({source})"));
        Line($"matrix products: {device.MatrixProducts}");
        int n = smoke ? 4096 : 100_000_000;
        int warmups = smoke ? 1 : 3, repeats = smoke ? 3 : 10;
        Elementwise<float>(device, n, peak, warmups, repeats);
        Elementwise<double>(device, n, peak, warmups, repeats);
        TrainingStep(device, smoke ? new[] { 32, 16, 16, 10 } : new[] { 784, 256, 256, 10 }, smoke ? 8 : 256, warmups, smoke ? 3 : 20);
        BatchedJacobian(device, smoke ? 1000 : 10_000_000, warmups, smoke ? 3 : 5);
        SmallTensors(device, smoke ? new[] { 100, 1000 } : new[] { 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000 }, warmups, repeats);
        device.Dispose();
        return 0;
    }
}

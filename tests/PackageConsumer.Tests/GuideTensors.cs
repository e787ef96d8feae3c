using Fluxion;

public static class GuideTensors
{
    // Tensors and networks come with the Fluxion package (it depends on Fluxion.Tensors).
    public static double[] SquareGradient()
        => Tensor.Gradient(t => Tensor.Sum(t * t), Tensor.FromArray(new[] { 1.0, -2.0, 3.0 })).ToArray();   // [2, -4, 6]

    // A 1-16-1 tanh network fitted to sin on [-π, π] with Adam, then refined with L-BFGS.
    public static double FitSine()
    {
        var random = new Random(7);
        var xs = Enumerable.Range(0, 64).Select(i => -Math.PI + 2 * Math.PI * i / 63).ToArray();
        var x = Tensor.FromArray(xs, 64, 1);
        var y = Tensor.FromArray(xs.Select(Math.Sin).ToArray(), 64, 1);
        var net = new MultilayerPerceptron<double>(new[] { 1, 16, 1 }, Activation.Tanh, random);
        Tensor<double> Loss() => Tensor.Mean(Tensor.Square(net.Forward(x) - y));
        var adam = new Adam<double>(net.Parameters, learningRate: 0.01);
        for (var step = 0; step < 300; step++)
            adam.Step(Loss());
        return Lbfgs.Minimize(net.Parameters, Loss, gradientTolerance: 1e-9, maximumIterations: 300).Loss;
    }
}

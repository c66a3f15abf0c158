/** JMH benchmarks of vinfer's backends: end to end and per MobileNet V1 layer. */
module dev.vinfer.benchmarks {
    requires dev.vinfer.core;
    requires dev.vinfer.mobilenet;
    requires jmh.core;
}

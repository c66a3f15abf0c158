package dev.vinfer.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Runs on the executors: takes {@code (path, content)} rows, classifies them in batches of
 * {@link VinferSparkOptions#batchSize()} with the executor's shared model, and yields one result
 * row per input row, lazily, so a partition never holds more than one batch of pictures.
 */
final class ClassifyPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final VinferSparkOptions options;

    ClassifyPartition(VinferSparkOptions options) {
        this.options = options;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
        BatchClassifier classifier = new BatchClassifier(ExecutorModels.get(options.modelKey()), options.topK());
        return new Iterator<>() {
            private Iterator<Classification> ready = List.<Classification>of().iterator();

            @Override
            public boolean hasNext() {
                if (!ready.hasNext() && files.hasNext()) {
                    ready = classifier.classify(nextBatch(files)).iterator();
                }
                return ready.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ResultRows.result(ready.next());
            }
        };
    }

    private List<BatchClassifier.EncodedImage> nextBatch(Iterator<Row> files) {
        List<BatchClassifier.EncodedImage> batch = new ArrayList<>(options.batchSize());
        while (batch.size() < options.batchSize() && files.hasNext()) {
            Row row = files.next();
            batch.add(new BatchClassifier.EncodedImage(row.getString(0), row.isNullAt(1) ? null : (byte[]) row.get(1)));
        }
        return batch;
    }
}

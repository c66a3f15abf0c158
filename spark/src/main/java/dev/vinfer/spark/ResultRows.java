package dev.vinfer.spark;

import dev.vinfer.api.ClassScore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.List;

/** The columns {@link VinferSpark} produces and how a {@link Classification} becomes a row. */
final class ResultRows {
    /** One class: {@code index} in the model's output, its {@code label}, its softmax {@code probability}. */
    static final StructType SCORE = new StructType()
            .add("index", DataTypes.IntegerType, false)
            .add("label", DataTypes.StringType, false)
            .add("probability", DataTypes.FloatType, false);

    /** {@code top}: most probable first, null when {@code error} says why the picture was not classified. */
    static final StructType OUTCOME = new StructType()
            .add("top", DataTypes.createArrayType(SCORE, false), true)
            .add("error", DataTypes.StringType, true);

    /** What {@link VinferSpark#classify} returns: the file's {@code path}, then {@link #OUTCOME}'s columns. */
    static final StructType RESULT = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("top", DataTypes.createArrayType(SCORE, false), true)
            .add("error", DataTypes.StringType, true);

    private ResultRows() {
    }

    static Row result(Classification c) {
        return RowFactory.create(c.path(), scores(c), c.error());
    }

    static Row outcome(Classification c) {
        return RowFactory.create(scores(c), c.error());
    }

    /** A Scala sequence: what Spark's row encoder takes for an array column. */
    private static scala.collection.immutable.Seq<Row> scores(Classification c) {
        if (c.top() == null) {
            return null;
        }
        List<Row> rows = new ArrayList<>(c.top().size());
        for (ClassScore s : c.top()) {
            rows.add(RowFactory.create(s.index(), s.label(), s.probability()));
        }
        return CollectionConverters.asScala(rows).toSeq();
    }
}

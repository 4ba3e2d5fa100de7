package io.tickettriage.dataset;

/** An export that cannot be used as it is; the message names the file, the row or the column and what to fix. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }
}

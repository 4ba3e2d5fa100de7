package io.tickettriage.cli;

import io.tickettriage.dataset.DataColumns;
import io.tickettriage.dataset.LabelledDataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that say which columns of a labelled file hold what; shared by train and evaluate. The {@code --data}
 * option itself is each command's own: evaluate requires it, train takes it or {@code --from-helpdesk}.
 */
final class DataOptions {

    static final String DATA_DESCRIPTION = "Labelled tickets: .csv, .jsonl, optionally .gz";

    @Option(names = "--subject-column", defaultValue = "subject",
            description = "Column with the subject (default: ${DEFAULT-VALUE})")
    String subjectColumn;

    @Option(names = "--body-column", defaultValue = "body",
            description = "Column with the body (default: ${DEFAULT-VALUE})")
    String bodyColumn;

    @Option(names = "--label", paramLabel = "HEAD=COLUMN",
            description = "A head and the column with its labels, e.g. queue=queue; repeat for each head. The head "
                    + "tags is multi-label: tags=COLUMN reads any number of tags per ticket from one column, separated "
                    + "by | or , (tags=tags), or tags=COL+COL+... from several columns (tags=tag_1+tag_2+tag_3); a "
                    + "ticket may have none")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--skip-unlabelled", description = "Leave out rows with an empty label instead of stopping")
    boolean skipUnlabelled;

    /** The label columns given, or these heads read from columns of the same name. */
    DataColumns columns(List<String> defaultHeads) {
        Map<String, String> columns = new LinkedHashMap<>(labels);
        if (columns.isEmpty()) {
            defaultHeads.forEach(head -> columns.put(head, head));
        }
        return new DataColumns(subjectColumn, bodyColumn, columns);
    }

    LabelledDataset read(Path file, DataColumns columns) {
        return LabelledDataset.read(file, columns, skipUnlabelled);
    }
}

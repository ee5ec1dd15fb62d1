<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CategoryTableModel</name>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Learn from / check with</source>
        <translation>Zum Lernen / zur Kontrolle</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Double-click to open the {name} folder.</source>
        <translation>Doppelklicken, um den Ordner {name} zu öffnen.</translation>
    </message>
    <message>
        <source>The first photos of this category.</source>
        <translation>Die ersten Fotos dieser Kategorie.</translation>
    </message>
    <message numerus="yes">
        <source>%n example photo(s)</source>
        <translation>
            <numerusform>%n Beispielfoto</numerusform>
            <numerusform>%n Beispielfotos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check my photos</source>
        <translation>Fotos überprüfen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message>
        <source>Looks for photos in the wrong folder, copies and odd ones out.</source>
        <translation>Sucht Fotos im falschen Ordner, Kopien und Ausreißer.</translation>
    </message>
    <message>
        <source>What the check found</source>
        <translation>Was die Überprüfung gefunden hat</translation>
    </message>
    <message>
        <source>Check my photos</source>
        <translation>Fotos überprüfen</translation>
    </message>
    <message>
        <source>Run the check</source>
        <translation>Überprüfung starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>Fortschritt der Überprüfung</translation>
    </message>
    <message>
        <source>Photos that may be in the wrong folder</source>
        <translation>Fotos, die vielleicht im falschen Ordner liegen</translation>
    </message>
    <message>
        <source>Photos that look like no category</source>
        <translation>Fotos, die zu keiner Kategorie passen</translation>
    </message>
    <message>
        <source>Copies of the same photo</source>
        <translation>Kopien desselben Fotos</translation>
    </message>
    <message>
        <source>Checking photos that are copies of training photos</source>
        <translation>Kontrollfotos, die Kopien von Trainingsfotos sind</translation>
    </message>
    <message>
        <source>Wrongly filed</source>
        <translation>Falsch einsortiert</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Odd ones out</source>
        <translation>Ausreißer</translation>
    </message>
    <message>
        <source>Leaks</source>
        <translation>Überschneidungen</translation>
    </message>
    <message>
        <source>About the selected photo</source>
        <translation>Zum ausgewählten Foto</translation>
    </message>
    <message>
        <source>Move to …</source>
        <translation>Verschieben nach …</translation>
    </message>
    <message>
        <source>Move to the category it looks like</source>
        <translation>In die Kategorie verschieben, der es ähnelt</translation>
    </message>
    <message>
        <source>Move to another category…</source>
        <translation>In andere Kategorie verschieben…</translation>
    </message>
    <message>
        <source>Remove (Delete)</source>
        <translation>Entfernen (Entf)</translation>
    </message>
    <message>
        <source>Take the selected photos out of the set</source>
        <translation>Die ausgewählten Fotos aus der Sammlung nehmen</translation>
    </message>
    <message>
        <source>Not a mistake</source>
        <translation>Kein Fehler</translation>
    </message>
    <message>
        <source>Keep the selected photos as they are</source>
        <translation>Die ausgewählten Fotos so lassen, wie sie sind</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird überprüft…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Erneut überprüfen</translation>
    </message>
    <message>
        <source>Check stopped.</source>
        <translation>Überprüfung angehalten.</translation>
    </message>
    <message>
        <source>{category}?
{percent}%</source>
        <translation>{category}?
{percent} %</translation>
    </message>
    <message>
        <source>{score}x</source>
        <translation>{score}×</translation>
    </message>
    <message>
        <source>{name} is a copy of {original}</source>
        <translation>{name} ist eine Kopie von {original}</translation>
    </message>
    <message>
        <source>Wrongly filed ({count})</source>
        <translation>Falsch einsortiert ({count})</translation>
    </message>
    <message>
        <source>Duplicates ({count})</source>
        <translation>Duplikate ({count})</translation>
    </message>
    <message>
        <source>Odd ones out ({count})</source>
        <translation>Ausreißer ({count})</translation>
    </message>
    <message>
        <source>Leaks ({count})</source>
        <translation>Überschneidungen ({count})</translation>
    </message>
    <message>
        <source>{finding}. Remove keeps the first photo and removes the others.</source>
        <translation>{finding}. „Entfernen“ behält das erste Foto und entfernt die anderen.</translation>
    </message>
    <message>
        <source>This photo to check with is a copy of a training photo: remove one of them.</source>
        <translation>Dieses Kontrollfoto ist eine Kopie eines Trainingsfotos: Entfernen Sie eines der beiden.</translation>
    </message>
    <message numerus="yes">
        <source>{photo} (and %n more selected)</source>
        <translation>
            <numerusform>{photo} (und %n weiteres ausgewählt)</numerusform>
            <numerusform>{photo} (und %n weitere ausgewählt)</numerusform>
        </translation>
    </message>
    <message>
        <source>(cannot show this photo)</source>
        <translation>(dieses Foto kann nicht angezeigt werden)</translation>
    </message>
    <message>
        <source>Move to {category}</source>
        <translation>Nach {category} verschieben</translation>
    </message>
</context>
<context>
    <name>PhotoActions</name>
    <message>
        <source>Move {name} to {category}</source>
        <translation>{name} nach {category} verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move %n photo(s) to {category}</source>
        <translation>
            <numerusform>%n Foto nach {category} verschieben</numerusform>
            <numerusform>%n Fotos nach {category} verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>{name} entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n photo(s)</source>
        <translation>
            <numerusform>%n Foto entfernen</numerusform>
            <numerusform>%n Fotos entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not a mistake</source>
        <translation>Kein Fehler</translation>
    </message>
    <message>
        <source>Only photos of the scanned folder can be kept.</source>
        <translation>Nur Fotos aus dem eingelesenen Ordner können so belassen werden.</translation>
    </message>
    <message>
        <source>New category…</source>
        <translation>Neue Kategorie…</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>Neue Kategorie</translation>
    </message>
    <message>
        <source>Name of the new category:</source>
        <translation>Name der neuen Kategorie:</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be moved: {reason}.</source>
        <translation>
            <numerusform>%n Foto konnte nicht verschoben werden: {reason}.</numerusform>
            <numerusform>%n Fotos konnten nicht verschoben werden: {reason}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message>
        <source>Step 1: Photos</source>
        <translation>Schritt 1: Fotos</translation>
    </message>
    <message>
        <source>&lt;h2&gt;1. Your photos&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;1. Ihre Fotos&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Choose a folder that holds &lt;b&gt;one subfolder per category&lt;/b&gt;, for example &lt;i&gt;Flowers/rose&lt;/i&gt;, &lt;i&gt;Flowers/tulip&lt;/i&gt;, &lt;i&gt;Flowers/daisy&lt;/i&gt;. Or drop the folder anywhere on this window.</source>
        <translation>Wählen Sie einen Ordner, der &lt;b&gt;einen Unterordner pro Kategorie&lt;/b&gt; enthält, zum Beispiel &lt;i&gt;Blumen/Rose&lt;/i&gt;, &lt;i&gt;Blumen/Tulpe&lt;/i&gt;, &lt;i&gt;Blumen/Nelke&lt;/i&gt;. Oder ziehen Sie den Ordner einfach auf dieses Fenster.</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <source>Choose photo folder</source>
        <translation>Fotoordner wählen</translation>
    </message>
    <message>
        <source>Choose the folder that holds one subfolder per category (Ctrl+Shift+O).</source>
        <translation>Den Ordner wählen, der einen Unterordner pro Kategorie enthält (Strg+Umschalt+O).</translation>
    </message>
    <message>
        <source>No folder chosen yet.</source>
        <translation>Noch kein Ordner gewählt.</translation>
    </message>
    <message>
        <source>Photo folder</source>
        <translation>Fotoordner</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>Erneut einlesen</translation>
    </message>
    <message>
        <source>Scan the folder again</source>
        <translation>Den Ordner erneut einlesen</translation>
    </message>
    <message>
        <source>Look at the folder again after adding, removing or fixing photos.</source>
        <translation>Den Ordner erneut ansehen, nachdem Sie Fotos hinzugefügt, entfernt oder korrigiert haben.</translation>
    </message>
    <message>
        <source>Check my photos…</source>
        <translation>Fotos überprüfen…</translation>
    </message>
    <message>
        <source>Check my photos</source>
        <translation>Fotos überprüfen</translation>
    </message>
    <message>
        <source>Find photos in the wrong folder, copies and odd ones out, and fix them.</source>
        <translation>Fotos im falschen Ordner, Kopien und Ausreißer finden und korrigieren.</translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation>Fortschritt beim Einlesen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the scan</source>
        <translation>Das Einlesen abbrechen</translation>
    </message>
    <message>
        <source>Stop scanning.</source>
        <translation>Das Einlesen beenden.</translation>
    </message>
    <message>
        <source>Photo summary</source>
        <translation>Überblick über die Fotos</translation>
    </message>
    <message>
        <source>Ready to train?</source>
        <translation>Bereit zum Training?</translation>
    </message>
    <message>
        <source>Photos not sorted yet</source>
        <translation>Noch nicht sortierte Fotos</translation>
    </message>
    <message>
        <source>Sort them…</source>
        <translation>Jetzt sortieren…</translation>
    </message>
    <message>
        <source>Sort the photos not sorted yet</source>
        <translation>Die noch nicht sortierten Fotos sortieren</translation>
    </message>
    <message>
        <source>Create categories, label a few photos, and let the app suggest the rest.</source>
        <translation>Kategorien anlegen, einige Fotos zuordnen und den Rest von der App vorschlagen lassen.</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Each category found in the folder, with its number of photos.</source>
        <translation>Jede Kategorie im Ordner, mit der Anzahl ihrer Fotos.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Drop a photo folder here, or click &lt;b&gt;Choose folder…&lt;/b&gt;&lt;/p&gt;&lt;pre&gt;Flowers/
  rose/    photo1.jpg  photo2.jpg  …
  tulip/   …
  daisy/   …&lt;/pre&gt;&lt;p&gt;No photos of your own yet? &lt;b&gt;Help › Try the sample&lt;/b&gt; opens 150 photos of clothing in 5 categories.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;Ziehen Sie einen Fotoordner hierher, oder klicken Sie auf &lt;b&gt;Ordner wählen…&lt;/b&gt;&lt;/p&gt;&lt;pre&gt;Blumen/
  Rose/    foto1.jpg  foto2.jpg  …
  Tulpe/   …
  Nelke/   …&lt;/pre&gt;&lt;p&gt;Noch keine eigenen Fotos? &lt;b&gt;Hilfe › Beispiel ausprobieren&lt;/b&gt; öffnet 150 Fotos von Kleidung in 5 Kategorien.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How to prepare a photo folder</source>
        <translation>So bereiten Sie einen Fotoordner vor</translation>
    </message>
    <message>
        <source>Photos to check the model with (validation)</source>
        <translation>Kontrollfotos, mit denen das Modell geprüft wird</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>Beiseitelegen:</translation>
    </message>
    <message>
        <source>Set aside a share of each category</source>
        <translation>Einen Anteil jeder Kategorie beiseitelegen</translation>
    </message>
    <message>
        <source>Share set aside for checking, in percent</source>
        <translation>Anteil der Kontrollfotos, in Prozent</translation>
    </message>
    <message>
        <source>of each category&apos;s photos (chosen at random, always the same ones)</source>
        <translation>der Fotos jeder Kategorie (zufällig gewählt, immer dieselben)</translation>
    </message>
    <message>
        <source>Use a separate folder:</source>
        <translation>Eigenen Ordner verwenden:</translation>
    </message>
    <message>
        <source>Use a separate checking folder</source>
        <translation>Einen eigenen Ordner mit Kontrollfotos verwenden</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Choose the checking folder</source>
        <translation>Den Ordner mit Kontrollfotos wählen</translation>
    </message>
    <message>
        <source>none chosen</source>
        <translation>keiner gewählt</translation>
    </message>
    <message>
        <source>Checking folder</source>
        <translation>Ordner mit Kontrollfotos</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Gefundene Probleme</translation>
    </message>
    <message>
        <source>Warnings about the photos</source>
        <translation>Warnungen zu den Fotos</translation>
    </message>
    <message>
        <source>Files that were skipped, and why</source>
        <translation>Übersprungene Dateien und der Grund</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>Warum sie übersprungen wurde</translation>
    </message>
    <message>
        <source>Copy the list</source>
        <translation>Liste kopieren</translation>
    </message>
    <message>
        <source>Copy the list of skipped files</source>
        <translation>Die Liste der übersprungenen Dateien kopieren</translation>
    </message>
    <message>
        <source>Copy the skipped files and reasons, to paste elsewhere.</source>
        <translation>Die übersprungenen Dateien und die Gründe kopieren, um sie anderswo einzufügen.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Skipped files</source>
        <translation>Übersprungene Dateien</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Wird eingelesen…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Choose the photo folder</source>
        <translation>Den Fotoordner wählen</translation>
    </message>
    <message>
        <source>Choose the folder of checking photos</source>
        <translation>Den Ordner mit Kontrollfotos wählen</translation>
    </message>
    <message>
        <source>Looking at the folder…</source>
        <translation>Der Ordner wird angesehen…</translation>
    </message>
    <message>
        <source>Scanning {folder}…</source>
        <translation>{folder} wird eingelesen…</translation>
    </message>
    <message>
        <source>Scan stopped. Showing the previous folder.</source>
        <translation>Einlesen angehalten. Der vorige Ordner wird gezeigt.</translation>
    </message>
    <message>
        <source>Scan stopped.</source>
        <translation>Einlesen angehalten.</translation>
    </message>
    <message>
        <source>Checking photo %v of %m (%p%)</source>
        <translation>Foto %v von %m wird geprüft (%p %)</translation>
    </message>
    <message>
        <source>Found {photos} in {categories}.</source>
        <translation>{photos} in {categories} gefunden.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This folder cannot be used:&lt;/b&gt; {reason}</source>
        <translation>&lt;b&gt;Dieser Ordner kann nicht verwendet werden:&lt;/b&gt; {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) were skipped and will not be used: see &apos;Skipped files&apos;.</source>
        <translation>
            <numerusform>%Ln Datei wurde übersprungen und wird nicht verwendet: siehe „Übersprungene Dateien“.</numerusform>
            <numerusform>%Ln Dateien wurden übersprungen und werden nicht verwendet: siehe „Übersprungene Dateien“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems ({count})</source>
        <translation>Probleme ({count})</translation>
    </message>
    <message>
        <source>Skipped files ({count})</source>
        <translation>Übersprungene Dateien ({count})</translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln line(s).</source>
        <translation>
            <numerusform>%Ln Zeile kopiert.</numerusform>
            <numerusform>%Ln Zeilen kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking folder: {problem}</source>
        <translation>Ordner mit Kontrollfotos: {problem}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{photos} in {categories}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{photos} in {categories}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{head}: {train} to learn from, checking folder not scanned yet.</source>
        <translation>{head}: {train} zum Lernen, der Ordner mit Kontrollfotos ist noch nicht eingelesen.</translation>
    </message>
    <message>
        <source>{head}: {train} to learn from, {check} to check with.</source>
        <translation>{head}: {train} zum Lernen, {check} zur Kontrolle.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln Foto</numerusform>
            <numerusform>%Ln Fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n category(ies)</source>
        <translation>
            <numerusform>%n Kategorie</numerusform>
            <numerusform>%n Kategorien</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SortPhotosDialog</name>
    <message>
        <source>Sort photos into categories</source>
        <translation>Fotos in Kategorien sortieren</translation>
    </message>
</context>
<context>
    <name>SortPhotosView</name>
    <message>
        <source>Sort photos into categories</source>
        <translation>Fotos in Kategorien sortieren</translation>
    </message>
    <message>
        <source>What is not sorted yet</source>
        <translation>Was noch nicht sortiert ist</translation>
    </message>
    <message>
        <source>Name of a new category</source>
        <translation>Name einer neuen Kategorie</translation>
    </message>
    <message>
        <source>New category, e.g. roses</source>
        <translation>Neue Kategorie, z. B. Rosen</translation>
    </message>
    <message>
        <source>Add category</source>
        <translation>Kategorie hinzufügen</translation>
    </message>
    <message>
        <source>Add the category</source>
        <translation>Die Kategorie hinzufügen</translation>
    </message>
    <message>
        <source>Copy photos instead of moving them</source>
        <translation>Fotos kopieren statt verschieben</translation>
    </message>
    <message>
        <source>Copy instead of move</source>
        <translation>Kopieren statt verschieben</translation>
    </message>
    <message>
        <source>Leave each photo where it is and put a copy in its category folder.</source>
        <translation>Jedes Foto bleibt, wo es ist; eine Kopie kommt in den Ordner seiner Kategorie.</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Click a category, press its number, or drop photos on it to label the selected photos.</source>
        <translation>Klicken Sie auf eine Kategorie, drücken Sie ihre Zahl oder ziehen Sie Fotos darauf, um ihr die ausgewählten Fotos zuzuordnen.</translation>
    </message>
    <message>
        <source>Photos not sorted yet</source>
        <translation>Noch nicht sortierte Fotos</translation>
    </message>
    <message>
        <source>Select photos, then click a category, press its number (1-9) or drag them onto it.</source>
        <translation>Wählen Sie Fotos aus und klicken Sie dann auf eine Kategorie, drücken Sie ihre Zahl (1-9) oder ziehen Sie die Fotos darauf.</translation>
    </message>
    <message>
        <source>Suggest labels</source>
        <translation>Kategorien vorschlagen</translation>
    </message>
    <message>
        <source>Learn from the labelled photos (seconds) and suggest a category for every other one.</source>
        <translation>Aus den zugeordneten Fotos lernen (dauert Sekunden) und für jedes andere Foto eine Kategorie vorschlagen.</translation>
    </message>
    <message>
        <source>Label the most useful next ({count})</source>
        <translation>Die nützlichsten als Nächstes zuordnen ({count})</translation>
    </message>
    <message>
        <source>Select the photos most useful to label next</source>
        <translation>Die Fotos auswählen, deren Zuordnung jetzt am meisten hilft</translation>
    </message>
    <message>
        <source>Selects the photos the model is least sure about: labelling them helps it most.</source>
        <translation>Wählt die Fotos aus, bei denen das Modell am unsichersten ist: Sie zuzuordnen hilft am meisten.</translation>
    </message>
    <message>
        <source>How sure a suggestion must be, in percent</source>
        <translation>Wie sicher ein Vorschlag sein muss, in Prozent</translation>
    </message>
    <message>
        <source>Accept all suggestions above</source>
        <translation>Alle Vorschläge übernehmen ab</translation>
    </message>
    <message>
        <source>Accept all suggestions above this confidence</source>
        <translation>Alle Vorschläge übernehmen, die mindestens so sicher sind</translation>
    </message>
    <message>
        <source>Labels every photo whose suggestion is at least this sure, in one step you can undo.</source>
        <translation>Ordnet jedes Foto zu, dessen Vorschlag mindestens so sicher ist – in einem Schritt, den Sie rückgängig machen können.</translation>
    </message>
    <message>
        <source>Suggestion progress</source>
        <translation>Fortschritt der Vorschläge</translation>
    </message>
    <message>
        <source>sure</source>
        <translation>sicher</translation>
    </message>
    <message>
        <source>What the suggestions say</source>
        <translation>Was die Vorschläge sagen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Select photos, then click a category, press its number or drag them onto it. After a few per category, press Suggest labels.</source>
        <translation>Wählen Sie Fotos aus und klicken Sie dann auf eine Kategorie, drücken Sie ihre Zahl oder ziehen Sie die Fotos darauf. Nach einigen pro Kategorie klicken Sie auf „Kategorien vorschlagen“.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This folder cannot be sorted:&lt;/b&gt; {reason}</source>
        <translation>&lt;b&gt;Dieser Ordner kann nicht sortiert werden:&lt;/b&gt; {reason}</translation>
    </message>
    <message>
        <source>Click, press {key} or drop photos here to label them {category}.</source>
        <translation>Klicken, {key} drücken oder Fotos hierher ziehen, um sie {category} zuzuordnen.</translation>
    </message>
    <message>
        <source>Click or drop photos here to label them {category}.</source>
        <translation>Klicken oder Fotos hierher ziehen, um sie {category} zuzuordnen.</translation>
    </message>
    <message>
        <source>Category {name} created.</source>
        <translation>Kategorie {name} angelegt.</translation>
    </message>
    <message numerus="yes">
        <source>Label %n photo(s) {category}</source>
        <translation>
            <numerusform>%n Foto {category} zuordnen</numerusform>
            <numerusform>%n Fotos {category} zuordnen</numerusform>
        </translation>
    </message>
    <message>
        <source>No suggestion is at least {level}% sure yet.</source>
        <translation>Noch kein Vorschlag ist mindestens {level} % sicher.</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s) above {level}%</source>
        <translation>
            <numerusform>%n Vorschlag ab {level} % übernehmen</numerusform>
            <numerusform>%n Vorschläge ab {level} % übernehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be moved ({name}: {reason}); they stay where they are.</source>
        <translation>
            <numerusform>%n Foto konnte nicht verschoben werden ({name}: {reason}); es bleibt, wo es ist.</numerusform>
            <numerusform>%n Fotos konnten nicht verschoben werden ({name}: {reason}); sie bleiben, wo sie sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>Learning from the labelled photos…</source>
        <translation>Lernt aus den zugeordneten Fotos…</translation>
    </message>
    <message numerus="yes">
        <source>Suggestions for %n photo(s), learned from {labelled} labelled: {sure} are at least {level}% sure.</source>
        <translation>
            <numerusform>Vorschlag für %n Foto, gelernt aus {labelled} zugeordneten: {sure} davon mindestens {level} % sicher.</numerusform>
            <numerusform>Vorschläge für %n Fotos, gelernt aus {labelled} zugeordneten: {sure} davon mindestens {level} % sicher.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be read.</source>
        <translation>
            <numerusform>%n Foto konnte nicht gelesen werden.</numerusform>
            <numerusform>%n Fotos konnten nicht gelesen werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}
{category}? {percent}%</source>
        <translation>{name}
{category}? {percent} %</translation>
    </message>
    <message>
        <source>{path}
Looks like {category} ({percent}% sure)</source>
        <translation>{path}
Sieht aus wie {category} ({percent} % sicher)</translation>
    </message>
    <message numerus="yes">
        <source>Selected the %n photo(s) the model is least sure about: label them (click a category or press its number).</source>
        <translation>
            <numerusform>%n Foto ausgewählt, bei dem das Modell am unsichersten ist: Ordnen Sie es zu (auf eine Kategorie klicken oder ihre Zahl drücken).</numerusform>
            <numerusform>%n Fotos ausgewählt, bei denen das Modell am unsichersten ist: Ordnen Sie sie zu (auf eine Kategorie klicken oder ihre Zahl drücken).</numerusform>
        </translation>
    </message>
</context>
</TS>

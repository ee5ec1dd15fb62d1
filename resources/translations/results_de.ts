<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ConfusionMatrixWidget</name>
    <message>
        <source>Confusion matrix</source>
        <translation>Verwechslungsmatrix</translation>
    </message>
    <message>
        <source>Predicted category</source>
        <translation>Vom Modell genannte Kategorie</translation>
    </message>
    <message>
        <source>True category</source>
        <translation>Tatsächliche Kategorie</translation>
    </message>
    <message>
        <source>Share of the true category</source>
        <translation>Anteil der tatsächlichen Kategorie</translation>
    </message>
    <message>
        <source>{count} as {category}</source>
        <translation>{count} als {category}</translation>
    </message>
    <message>
        <source>{category}: {count} right</source>
        <translation>{category}: {count} richtig</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} {name} photos were recognised correctly</source>
        <translation>
            <numerusform>%n von {total} Fotos der Kategorie {name} wurde richtig erkannt</numerusform>
            <numerusform>%n von {total} Fotos der Kategorie {name} wurden richtig erkannt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} {name} photos were taken for {other}</source>
        <translation>
            <numerusform>%n von {total} Fotos der Kategorie {name} wurde für {other} gehalten</numerusform>
            <numerusform>%n von {total} Fotos der Kategorie {name} wurden für {other} gehalten</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to see these photos.</source>
        <translation>Klicken Sie, um diese Fotos zu sehen.</translation>
    </message>
</context>
<context>
    <name>ExplanationDialog</name>
    <message>
        <source>Why did the model say that?</source>
        <extracomment>The suggested folder to sort into is the source folder&apos;s name and this: a folder name, so English like the &quot;unsure&quot; folder and sorted.csv the engine writes.</extracomment>
        <translation>Warum hat das Modell das gesagt?</translation>
    </message>
    <message>
        <source>Working it out…</source>
        <translation>Wird ermittelt …</translation>
    </message>
    <message>
        <source>Category to explain</source>
        <translation>Zu erklärende Kategorie</translation>
    </message>
    <message>
        <source>Heatmap strength</source>
        <translation>Stärke der Wärmekarte</translation>
    </message>
    <message>
        <source>What the model looked at</source>
        <translation>Was das Modell gesehen hat</translation>
    </message>
    <message>
        <source>Where it found its evidence</source>
        <translation>Worauf es seine Antwort stützt</translation>
    </message>
    <message>
        <source>Explain:</source>
        <translation>Erklären:</translation>
    </message>
    <message>
        <source>Heatmap:</source>
        <translation>Wärmekarte:</translation>
    </message>
    <message>
        <source>Working out why the model said {category}…</source>
        <translation>Es wird ermittelt, warum das Modell {category} gesagt hat …</translation>
    </message>
    <message>
        <source>The bright areas are what made the model say &lt;b&gt;{category}&lt;/b&gt; ({percent} sure) for {name}. If they are on the background rather than the thing itself, the model may have learned the wrong clue: add {category} photos with other backgrounds. &lt;br&gt;&lt;small&gt;Method: {method} at layer {layer}.&lt;/small&gt;</source>
        <translation>Die hellen Stellen haben das Modell dazu gebracht, bei {name} &lt;b&gt;{category}&lt;/b&gt; zu sagen ({percent} sicher). Liegen sie auf dem Hintergrund statt auf dem Gegenstand selbst, hat das Modell vielleicht auf das falsche Merkmal geachtet: Fügen Sie Fotos der Kategorie {category} mit anderen Hintergründen hinzu. &lt;br&gt;&lt;small&gt;Verfahren: {method} an der Schicht {layer}.&lt;/small&gt;</translation>
    </message>
</context>
<context>
    <name>ExportModelDialog</name>
    <message>
        <source>Export model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;Format&lt;/b&gt;</source>
        <translation>&lt;b&gt;Format&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>Speichern unter:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message numerus="yes">
        <source>After exporting, the file is checked against the app on %n of the photos shown.</source>
        <translation>
            <numerusform>Nach dem Exportieren wird die Datei an %n der angezeigten Fotos mit der App verglichen.</numerusform>
            <numerusform>Nach dem Exportieren wird die Datei an %n der angezeigten Fotos mit der App verglichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tip: drop a few photos first; the exported file is then checked against the app on them.</source>
        <translation>Tipp: Legen Sie zuerst ein paar Fotos hier ab; die exportierte Datei wird dann an ihnen mit der App verglichen.</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>Wählen Sie, wo die Datei gespeichert werden soll.</translation>
    </message>
    <message>
        <source>Exporting and checking…</source>
        <translation>Wird exportiert und geprüft …</translation>
    </message>
    <message>
        <source>✘ Export failed: {error}</source>
        <translation>✘ Das Exportieren ist fehlgeschlagen: {error}</translation>
    </message>
</context>
<context>
    <name>FolderLocationDialog</name>
    <message>
        <source>Where the folder is</source>
        <translation>Wo der Ordner liegt</translation>
    </message>
    <message>
        <source>No file manager could be opened on this computer. The folder is here; copy its location to open it another way:</source>
        <translation>Auf diesem Computer ließ sich kein Dateimanager öffnen. Der Ordner liegt hier; kopieren Sie den Pfad, um ihn auf anderem Weg zu öffnen:</translation>
    </message>
    <message>
        <source>Folder location</source>
        <translation>Pfad des Ordners</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>JobProgressWidget</name>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop this job; what is done so far stays.</source>
        <translation>Diese Arbeit anhalten; was bisher erledigt ist, bleibt erhalten.</translation>
    </message>
</context>
<context>
    <name>PhotoGallery</name>
    <message>
        <source>Open photo</source>
        <extracomment>The smallest the page&apos;s content gets before it scrolls (measured: the verdict, the matrix with five categories and the per-category table all readable).</extracomment>
        <translation>Foto öffnen</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
</context>
<context>
    <name>PredictionCardDelegate</name>
    <message>
        <source>Not sure</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Could not be classified: {error}</source>
        <translation>Konnte nicht erkannt werden: {error}</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Warum?</translation>
    </message>
</context>
<context>
    <name>PredictionCardView</name>
    <message>
        <source>Classified photos</source>
        <translation>Erkannte Fotos</translation>
    </message>
</context>
<context>
    <name>PredictionListModel</name>
    <message>
        <source>Not classified: {error}</source>
        <translation>Nicht erkannt: {error}</translation>
    </message>
    <message>
        <source>Not sure: below {percent} confidence</source>
        <translation>Unsicher: weniger als {percent} sicher</translation>
    </message>
    <message>
        <source>Double-click to open; right-click for more.</source>
        <translation>Doppelklick öffnet das Foto; Rechtsklick zeigt mehr.</translation>
    </message>
    <message>
        <source>unreadable ({error})</source>
        <translation>nicht lesbar ({error})</translation>
    </message>
    <message>
        <source>not sure (maybe {answer})</source>
        <translation>unsicher (vielleicht {answer})</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>How good is it?</source>
        <translation>Wie gut ist es?</translation>
    </message>
    <message>
        <source>Train a model, or open one (File &gt; Open model), to see how good it is.</source>
        <translation>Trainieren Sie ein Modell oder öffnen Sie eines (Datei &gt; Modell öffnen), um zu sehen, wie gut es ist.</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Kontrollgenauigkeit</translation>
    </message>
    <message>
        <source>Check on another folder…</source>
        <translation>Mit anderem Ordner prüfen …</translation>
    </message>
    <message>
        <source>Measure the model on a folder of labelled photos it has never seen (one subfolder per category).</source>
        <translation>Das Modell an einem Ordner mit einsortierten Fotos messen, die es noch nie gesehen hat (ein Unterordner je Kategorie).</translation>
    </message>
    <message>
        <source>Use this model →</source>
        <translation>Dieses Modell anwenden →</translation>
    </message>
    <message>
        <source>Which categories get mixed up</source>
        <translation>Welche Kategorien verwechselt werden</translation>
    </message>
    <message>
        <source>Rows: the real category. Columns: what the model said. Click a cell to see its photos.</source>
        <translation>Zeilen: die tatsächliche Kategorie. Spalten: was das Modell gesagt hat. Klicken Sie auf ein Feld, um seine Fotos zu sehen.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Gefunden</translation>
    </message>
    <message>
        <source>Right when
named</source>
        <translation>Richtig,
wenn
genannt</translation>
    </message>
    <message>
        <source>Overall (F1)</source>
        <translation>Gesamt
(F1)</translation>
    </message>
    <message>
        <source>The category (one subfolder of your photos).</source>
        <translation>Die Kategorie (ein Unterordner Ihrer Fotos).</translation>
    </message>
    <message>
        <source>Checking photos of this category.</source>
        <translation>Kontrollfotos dieser Kategorie.</translation>
    </message>
    <message>
        <source>Of this category&apos;s photos, the share the model named correctly (recall).</source>
        <translation>Der Anteil der Fotos dieser Kategorie, den das Modell richtig benannt hat (Trefferquote, „Recall“).</translation>
    </message>
    <message>
        <source>When the model names this category, how often it is right (precision).</source>
        <translation>Wie oft das Modell richtig liegt, wenn es diese Kategorie nennt (Genauigkeit der Nennung, „Precision“).</translation>
    </message>
    <message>
        <source>Found and right-when-named in one score from 0 to 1 (F1, their harmonic mean): high only when the model both finds this category and is right when it names it.</source>
        <translation>„Gefunden“ und „Richtig, wenn genannt“ in einer Zahl von 0 bis 1 (F1, ihr harmonisches Mittel): nur hoch, wenn das Modell diese Kategorie sowohl findet als auch richtig liegt, wenn es sie nennt.</translation>
    </message>
    <message>
        <source>Per-category precision and recall</source>
        <translation>Genauigkeit und Trefferquote je Kategorie</translation>
    </message>
    <message>
        <source>Per category</source>
        <translation>Je Kategorie</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its photos here.</source>
        <translation>Klicken Sie auf ein Feld der Matrix, um seine Fotos hier zu sehen.</translation>
    </message>
    <message>
        <source>Photos in the selected cell</source>
        <translation>Fotos im gewählten Feld</translation>
    </message>
    <message>
        <source>Most confidently wrong photos</source>
        <translation>Fotos, bei denen sich das Modell am sichersten geirrt hat</translation>
    </message>
    <message>
        <source>Open photo</source>
        <translation>Foto öffnen</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>Verschieben nach …</translation>
    </message>
    <message>
        <source>Move the photo to another category (or a new one)</source>
        <translation>Das Foto in eine andere (oder neue) Kategorie verschieben</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Take the photo out of the set (Edit &gt; Undo brings it back)</source>
        <translation>Das Foto aus der Sammlung nehmen (Bearbeiten &gt; Rückgängig holt es zurück)</translation>
    </message>
    <message>
        <source>Not a mistake</source>
        <translation>Kein Fehler</translation>
    </message>
    <message>
        <source>It is filed right: do not show it as a mistake again</source>
        <translation>Es ist richtig einsortiert: nicht mehr als Fehler zeigen</translation>
    </message>
    <message>
        <source>Most confidently wrong: real category → what the model said</source>
        <translation>Am sichersten falsch: tatsächliche Kategorie → was das Modell gesagt hat</translation>
    </message>
    <message numerus="yes">
        <source>Checking the model on %n checking photo(s)…</source>
        <translation>
            <numerusform>Das Modell wird an %n Kontrollfoto geprüft …</numerusform>
            <numerusform>Das Modell wird an %n Kontrollfotos geprüft …</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the model again on the photos it was checked on…</source>
        <translation>Das Modell wird erneut an seinen Kontrollfotos geprüft …</translation>
    </message>
    <message>
        <source>Checking the model on the photos in {folder}…</source>
        <translation>Das Modell wird an den Fotos in {folder} geprüft …</translation>
    </message>
    <message>
        <source>Train or open a model first.</source>
        <translation>Trainieren oder öffnen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>Choose a folder of labelled photos (one subfolder per category)</source>
        <translation>Wählen Sie einen Ordner mit einsortierten Fotos (ein Unterordner je Kategorie)</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Could not check the model: {error}</source>
        <translation>Das Modell konnte nicht geprüft werden: {error}</translation>
    </message>
    <message>
        <source>Could not read the model: {error}</source>
        <translation>Das Modell konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>checking accuracy when this model was trained</source>
        <translation>Kontrollgenauigkeit, als dieses Modell trainiert wurde</translation>
    </message>
    <message>
        <source>Model {name}</source>
        <translation>Modell {name}</translation>
    </message>
    <message>
        <source>The photos it was checked on are not known here. Use &lt;b&gt;Check on another folder…&lt;/b&gt; with a folder of labelled photos to see which categories get mixed up and which photos it gets wrong.</source>
        <translation>Die Fotos, an denen es kontrolliert wurde, sind hier nicht bekannt. Wählen Sie &lt;b&gt;Mit anderem Ordner prüfen …&lt;/b&gt; und einen Ordner mit einsortierten Fotos, um zu sehen, welche Kategorien verwechselt werden und welche Fotos das Modell falsch erkennt.</translation>
    </message>
    <message numerus="yes">
        <source>{correct} of %n checking photo(s) recognised correctly</source>
        <translation>
            <numerusform>{correct} von %n Kontrollfoto richtig erkannt</numerusform>
            <numerusform>{correct} von %n Kontrollfotos richtig erkannt</numerusform>
        </translation>
    </message>
    <message>
        <source>no photos could be checked</source>
        <translation>keine Fotos konnten geprüft werden</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be used (not photos, or unreadable) and were left out.</source>
        <translation>
            <numerusform>%n Datei konnte nicht verwendet werden (kein Foto oder nicht lesbar) und wurde ausgelassen.</numerusform>
            <numerusform>%n Dateien konnten nicht verwendet werden (keine Fotos oder nicht lesbar) und wurden ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to improve that the checking photos can show.</source>
        <translation>Die Kontrollfotos zeigen nichts, was sich verbessern ließe.</translation>
    </message>
    <message>
        <source>{name}: {percent} of its photos were found</source>
        <translation>{name}: {percent} ihrer Fotos wurden gefunden</translation>
    </message>
    <message>
        <source>When the model says {name}, it is right {percent} of the time</source>
        <translation>Wenn das Modell {name} sagt, liegt es in {percent} der Fälle richtig</translation>
    </message>
    <message>
        <source>{real} → {said}
{percent} sure</source>
        <translation>{real} → {said}
{percent} sicher</translation>
    </message>
    <message>
        <source>{path}
Real category: {real}
The model said: {said} ({percent} sure)
Double-click to open it.</source>
        <translation>{path}
Tatsächliche Kategorie: {real}
Das Modell sagte: {said} ({percent} sicher)
Doppelklick öffnet das Foto.</translation>
    </message>
    <message>
        <source>No mistakes on the checking photos.</source>
        <translation>Keine Fehler bei den Kontrollfotos.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) were named wrongly; the {shown} the model was most sure about are shown first. Often the photo is unusual, or filed in the wrong folder.</source>
        <translation>
            <numerusform>%n Foto wurde falsch benannt; die {shown}, bei denen das Modell am sichersten war, stehen vorne. Oft ist das Foto ungewöhnlich oder im falschen Ordner einsortiert.</numerusform>
            <numerusform>%n Fotos wurden falsch benannt; die {shown}, bei denen das Modell am sichersten war, stehen vorne. Oft ist das Foto ungewöhnlich oder im falschen Ordner einsortiert.</numerusform>
        </translation>
    </message>
    <message>
        <source> (the first {count} are shown)</source>
        <translation> (die ersten {count} werden gezeigt)</translation>
    </message>
    <message>
        <source>: none.</source>
        <translation>: keine.</translation>
    </message>
    <message>
        <source>{path}
Real: {real}, said: {said} ({percent} sure)</source>
        <translation>{path}
Tatsächlich: {real}, gesagt: {said} ({percent} sicher)</translation>
    </message>
</context>
<context>
    <name>SortDialog</name>
    <message>
        <source>Sort photos into folders</source>
        <translation>Fotos in Ordner sortieren</translation>
    </message>
    <message>
        <source>Copy the photos (the originals stay where they are)</source>
        <translation>Fotos kopieren (die Originale bleiben, wo sie sind)</translation>
    </message>
    <message>
        <source>Move the photos</source>
        <translation>Fotos verschieben</translation>
    </message>
    <message>
        <source>Photos in:</source>
        <translation>Fotos in:</translation>
    </message>
    <message>
        <source>Sort into:</source>
        <translation>Sortieren nach:</translation>
    </message>
    <message>
        <source>Each photo goes into a folder named after its category. Photos the model is less than {percent} sure about go into “unsure”. Nothing is overwritten; a list of what went where is saved as sorted.csv.</source>
        <translation>Jedes Foto kommt in einen Ordner mit dem Namen seiner Kategorie. Fotos, bei denen das Modell weniger als {percent} sicher ist, kommen in „unsure“. Nichts wird überschrieben; eine Liste, was wohin kam, wird als sorted.csv gespeichert.</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Sortieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
</context>
<context>
    <name>UsePage</name>
    <message>
        <source>No model yet: train one, or open one (File &gt; Open model).</source>
        <translation>Noch kein Modell: Trainieren Sie eines oder öffnen Sie eines (Datei &gt; Modell öffnen).</translation>
    </message>
    <message>
        <source>Sort into folders…</source>
        <translation>In Ordner sortieren …</translation>
    </message>
    <message>
        <source>Copy or move every photo of a folder into one folder per category.</source>
        <translation>Jedes Foto eines Ordners in einen Ordner je Kategorie kopieren oder verschieben.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Save the answers shown as a spreadsheet (CSV).</source>
        <translation>Die angezeigten Antworten als Tabelle (CSV) speichern.</translation>
    </message>
    <message>
        <source>Export model…</source>
        <translation>Modell exportieren …</translation>
    </message>
    <message>
        <source>Save the model as ONNX, TorchScript or the app&apos;s own file.</source>
        <translation>Das Modell als ONNX, TorchScript oder als eigene Datei der App speichern.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Not sure below this confidence</source>
        <translation>Unsicher unterhalb dieser Sicherheit</translation>
    </message>
    <message>
        <source>Answers with a lower confidence are marked “not sure”. The model&apos;s own setting keeps at least 95% of its confident answers right on its checking photos.</source>
        <translation>Antworten mit geringerer Sicherheit werden als „unsicher“ markiert. Die eigene Einstellung des Modells sorgt dafür, dass auf seinen Kontrollfotos mindestens 95&#xa0;% seiner sicheren Antworten stimmen.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the model&apos;s own setting.</source>
        <translation>Zurück zur eigenen Einstellung des Modells.</translation>
    </message>
    <message>
        <source>Not sure below</source>
        <translation>Unsicher unter</translation>
    </message>
    <message>
        <source>Drop photos or folders here, or</source>
        <translation>Fotos oder Ordner hier ablegen, oder</translation>
    </message>
    <message>
        <source>Choose photos…</source>
        <translation>Fotos wählen …</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Ordner wählen …</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15pt&apos;&gt;Drop photos or a folder here&lt;/p&gt;&lt;p&gt;Each photo gets a card with the model&apos;s three best guesses.&lt;br&gt;Click “Why?” on a card to see what the model looked at.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15pt&apos;&gt;Legen Sie Fotos oder einen Ordner hier ab&lt;/p&gt;&lt;p&gt;Jedes Foto bekommt eine Karte mit den drei besten Vermutungen des Modells.&lt;br&gt;Klicken Sie auf einer Karte auf „Warum?“, um zu sehen, worauf das Modell geachtet hat.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Recognise new photos</source>
        <translation>Neue Fotos erkennen</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>{name} wird geladen …</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt;: %n category(ies) ({shown})</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt;: %n Kategorie ({shown})</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt;: %n Kategorien ({shown})</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the model: {error}</source>
        <translation>Das Modell konnte nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>Choose photos</source>
        <translation>Fotos wählen</translation>
    </message>
    <message>
        <source>Photos ({patterns});;All files (*)</source>
        <translation>Fotos ({patterns});;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a folder of photos</source>
        <translation>Einen Fotoordner wählen</translation>
    </message>
    <message>
        <source>Train or open a model first; then drop the photos again.</source>
        <translation>Trainieren oder öffnen Sie zuerst ein Modell; legen Sie die Fotos dann erneut ab.</translation>
    </message>
    <message>
        <source>Waiting for the model to load…</source>
        <translation>Warten, bis das Modell geladen ist …</translation>
    </message>
    <message>
        <source>No photos found there.</source>
        <translation>Dort wurden keine Fotos gefunden.</translation>
    </message>
    <message>
        <source>Could not classify the photos: {error}</source>
        <translation>Die Fotos konnten nicht erkannt werden: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n not sure</source>
        <translation>
            <numerusform>%n unsicher</numerusform>
            <numerusform>%n unsicher</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n nicht lesbar</numerusform>
            <numerusform>%n nicht lesbar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s): {counts}</source>
        <translation>
            <numerusform>%n Foto: {counts}</numerusform>
            <numerusform>%n Fotos: {counts}</numerusform>
        </translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Warum?</translation>
    </message>
    <message>
        <source>Open photo</source>
        <translation>Foto öffnen</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Could not explain this photo: {error}</source>
        <translation>Dieses Foto konnte nicht erklärt werden: {error}</translation>
    </message>
    <message>
        <source>Export the answers as CSV</source>
        <translation>Die Antworten als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n answer(s) to {name}.</source>
        <translation>
            <numerusform>%n Antwort in {name} gespeichert.</numerusform>
            <numerusform>%n Antworten in {name} gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the CSV: {error}</source>
        <translation>Die CSV-Datei konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>Sorting the photos in {folder}…</source>
        <translation>Die Fotos in {folder} werden sortiert …</translation>
    </message>
    <message>
        <source>{count} into {category}</source>
        <translation>{count} nach {category}</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n photo(s): {where}.</source>
        <translation>
            <numerusform>%n Foto verschoben: {where}.</numerusform>
            <numerusform>%n Fotos verschoben: {where}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n photo(s): {where}.</source>
        <translation>
            <numerusform>%n Foto kopiert: {where}.</numerusform>
            <numerusform>%n Fotos kopiert: {where}.</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read and were left where they are.</source>
        <translation>
            <numerusform>%n konnte nicht gelesen werden und blieb, wo es war.</numerusform>
            <numerusform>%n konnten nicht gelesen werden und blieben, wo sie waren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be copied (see the CSV).</source>
        <translation>
            <numerusform>%n konnte nicht kopiert werden (siehe die CSV-Datei).</numerusform>
            <numerusform>%n konnten nicht kopiert werden (siehe die CSV-Datei).</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Sorted</source>
        <translation>Sortiert</translation>
    </message>
    <message>
        <source>A list of what went where: {path}</source>
        <translation>Eine Liste, was wohin kam: {path}</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Sorting stopped.</source>
        <translation>Sortieren angehalten.</translation>
    </message>
    <message>
        <source>Could not sort: {error}</source>
        <translation>Sortieren nicht möglich: {error}</translation>
    </message>
    <message>
        <source>Export model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <source>Train or open a model first.</source>
        <translation>Trainieren oder öffnen Sie zuerst ein Modell.</translation>
    </message>
</context>
</TS>

